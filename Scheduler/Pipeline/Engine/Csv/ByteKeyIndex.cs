using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// Numbers distinct byte strings (with a small group number, such as an advertiser's index, as part
/// of the key) in order of first sight, without a string per key: an open-addressing table over
/// one byte arena. Used per day for products, where a day's products fit in cache and a lookup
/// costs a hash and, mostly, one probe.
/// </summary>
internal sealed class ByteKeyIndex
{
    private int[] _slots;
    private Entry[] _entries;
    private byte[] _arena;
    private int _arenaUsed;

    /// <summary>A key: its hash, group, first eight bytes inline (all of a short key), and where it lies in the arena.</summary>
    private struct Entry
    {
        public ulong Head;
        public uint Hash;
        public int Group;
        public int Start;
        public int Length;
    }

    public ByteKeyIndex(int capacity = 1024)
    {
        var size = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, capacity * 2));
        _slots = new int[size];
        _entries = new Entry[Math.Max(8, capacity)];
        _arena = new byte[Math.Max(64, capacity * 8)];
    }

    public int Count { get; private set; }

    public int GroupAt(int index) => _entries[index].Group;

    public ReadOnlySpan<byte> KeyAt(int index) => _arena.AsSpan(_entries[index].Start, _entries[index].Length);

    /// <summary>The key's number, or -1 when it has none.</summary>
    public int IndexOf(int group, ReadOnlySpan<byte> key)
    {
        var head = Head(key);
        var hash = Hash(group, head, key);
        var mask = _slots.Length - 1;
        for (var slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            var index = _slots[slot] - 1;
            if (index < 0)
            {
                return -1;
            }

            if (Matches(index, hash, group, head, key))
            {
                return index;
            }
        }
    }

    /// <summary>The key's number, numbering it now when it is new.</summary>
    public int GetOrAdd(int group, ReadOnlySpan<byte> key)
    {
        var head = Head(key);
        var hash = Hash(group, head, key);
        var mask = _slots.Length - 1;
        var slot = (int)hash & mask;
        for (; ; slot = (slot + 1) & mask)
        {
            var index = _slots[slot] - 1;
            if (index < 0)
            {
                break;
            }

            if (Matches(index, hash, group, head, key))
            {
                return index;
            }
        }

        var added = Count++;
        if (added == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
        }

        while (_arenaUsed + key.Length > _arena.Length)
        {
            Array.Resize(ref _arena, _arena.Length * 2);
        }

        key.CopyTo(_arena.AsSpan(_arenaUsed));
        _entries[added] = new Entry { Head = head, Hash = hash, Group = group, Start = _arenaUsed, Length = key.Length };
        _arenaUsed += key.Length;
        _slots[slot] = added + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return added;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool Matches(int index, uint hash, int group, ulong head, ReadOnlySpan<byte> key)
    {
        ref var entry = ref _entries[index];
        return entry.Hash == hash && entry.Head == head && entry.Group == group && entry.Length == key.Length
            && (key.Length <= 8 || _arena.AsSpan(entry.Start + 8, entry.Length - 8).SequenceEqual(key[8..]));
    }

    /// <summary>The key's first eight bytes (zero-padded) as one number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Head(ReadOnlySpan<byte> key)
    {
        if (key.Length >= 8)
        {
            return BinaryPrimitives.ReadUInt64LittleEndian(key);
        }

        ulong head = 0;
        for (var i = 0; i < key.Length; i++)
        {
            head |= (ulong)key[i] << (8 * i);
        }

        return head;
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var i = 0; i < Count; i++)
        {
            var slot = (int)_entries[i].Hash & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = i + 1;
        }
    }

    /// <summary>
    /// A multiply-mix hash of the group, the length, the first and the last eight bytes: ids differ
    /// somewhere in those (equal keys are then confirmed byte by byte), and a hash costs the same for
    /// any length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Hash(int group, ulong head, ReadOnlySpan<byte> key)
    {
        const ulong K = 0x9E3779B97F4A7C15UL;
        var h = ((((ulong)(uint)group << 8) ^ (uint)key.Length) + head) * K;
        if (key.Length > 8)
        {
            h = (h ^ (h >> 29) ^ BinaryPrimitives.ReadUInt64LittleEndian(key[^Math.Min(8, key.Length)..])) * K;
        }

        return (uint)(h >> 32) ^ (uint)h;
    }
}
