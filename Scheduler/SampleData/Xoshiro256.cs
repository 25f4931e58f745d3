using System.Numerics;

namespace Recommender.Scheduler.SampleData;

/// <summary>
/// xoshiro256** — a small, fast generator whose output depends on the seed alone, on every
/// platform and runtime version (System.Random promises neither).
/// </summary>
public struct Xoshiro256
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256(ulong seed)
    {
        // SplitMix64 spreads a seed of any shape over the four words of state.
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for one independent stream, e.g. one (dataset, day) pair.</summary>
    public static Xoshiro256 ForStream(ulong seed, ulong stream, ulong substream = 0)
    {
        var mixed = seed;
        mixed = SplitMix(ref mixed) ^ (stream * 0x9E3779B97F4A7C15UL);
        mixed = SplitMix(ref mixed) ^ (substream * 0xC2B2AE3D27D4EB4FUL);
        return new Xoshiro256(mixed);
    }

    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, <paramref name="maxExclusive"/>), without modulo bias worth mentioning for small bounds.</summary>
    public int NextInt(int maxExclusive) => (int)((NextUInt64() >> 32) * (ulong)maxExclusive >> 32);

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
