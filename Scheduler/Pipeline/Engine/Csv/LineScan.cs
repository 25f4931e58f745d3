using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// One vectorised pass over a line that finds what the row rules need: where the commas are,
/// whether there is a quote anywhere, and whether any byte is outside ASCII (only then is UTF-8
/// checked and are characters counted). Most lines are 32 to 64 bytes: two vector compares.
/// </summary>
internal static class LineScan
{
    /// <summary>Records up to <c>commas.Length</c> comma positions; returns how many commas the line has.</summary>
    public static int Scan(ReadOnlySpan<byte> line, Span<int> commas, out bool hasQuote, out bool nonAscii)
    {
        var count = 0;
        uint quotes = 0, high = 0;
        if (Vector256.IsHardwareAccelerated && line.Length >= Vector256<byte>.Count)
        {
            ref var start = ref MemoryMarshal.GetReference(line);
            var i = 0;
            for (; i + Vector256<byte>.Count <= line.Length; i += Vector256<byte>.Count)
            {
                Chunk(Vector256.LoadUnsafe(ref start, (nuint)i), i, uint.MaxValue, commas, ref count, ref quotes, ref high);
            }

            if (i < line.Length)
            {
                // The last 32 bytes, overlapping what was seen: keep only the bits of the new bytes.
                var last = line.Length - Vector256<byte>.Count;
                Chunk(Vector256.LoadUnsafe(ref start, (nuint)last), last, uint.MaxValue << (i - last), commas, ref count, ref quotes, ref high);
            }
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            // Short line: padded with zeros, which are none of the bytes looked for.
            Span<byte> padded = stackalloc byte[Vector256<byte>.Count];
            padded.Clear();
            line.CopyTo(padded);
            Chunk(Vector256.Create<byte>(padded), 0, uint.MaxValue, commas, ref count, ref quotes, ref high);
        }
        else
        {
            for (var i = 0; i < line.Length; i++)
            {
                var b = line[i];
                if (b == (byte)',')
                {
                    if (count < commas.Length)
                    {
                        commas[count] = i;
                    }

                    count++;
                }

                quotes |= b == (byte)'"' ? 1u : 0u;
                high |= b >= 0x80 ? 1u : 0u;
            }
        }

        hasQuote = quotes != 0;
        nonAscii = high != 0;
        return count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Chunk(Vector256<byte> bytes, int offset, uint keep, Span<int> commas, ref int count, ref uint quotes, ref uint high)
    {
        var found = Vector256.Equals(bytes, Vector256.Create((byte)',')).ExtractMostSignificantBits() & keep;
        quotes |= Vector256.Equals(bytes, Vector256.Create((byte)'"')).ExtractMostSignificantBits() & keep;
        high |= bytes.ExtractMostSignificantBits() & keep;
        while (found != 0)
        {
            if (count < commas.Length)
            {
                commas[count] = offset + BitOperations.TrailingZeroCount(found);
            }

            count++;
            found &= found - 1;
        }
    }
}
