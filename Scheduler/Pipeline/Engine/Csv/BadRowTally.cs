namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>
/// Malformed rows of one reason: how many, and the first few in input order (file, range, line
/// within the range), so that whichever worker saw them, the samples come out the same.
/// </summary>
internal sealed class BadRowTally
{
    public long Count { get; private set; }

    public List<(int File, int Range, long Line, string Text)> Samples { get; } = [];

    public void Add(int file, int range, long line, ReadOnlySpan<byte> text)
    {
        Count++;
        if (Samples.Count < BadRowReasons.SamplesPerReason || Before((file, range, line), Samples[^1]))
        {
            Keep((file, range, line, Text(text)));
        }
    }

    public void Merge(BadRowTally other)
    {
        Count += other.Count;
        foreach (var sample in other.Samples)
        {
            Keep(sample);
        }
    }

    private void Keep((int File, int Range, long Line, string Text) sample)
    {
        var at = Samples.FindIndex(s => Before((sample.File, sample.Range, sample.Line), s));
        Samples.Insert(at < 0 ? Samples.Count : at, sample);
        if (Samples.Count > BadRowReasons.SamplesPerReason)
        {
            Samples.RemoveAt(Samples.Count - 1);
        }
    }

    private static bool Before((int File, int Range, long Line) a, (int File, int Range, long Line, string Text) b) =>
        (a.File, a.Range, a.Line).CompareTo((b.File, b.Range, b.Line)) < 0;

    /// <summary>
    /// The line as text for a run record: invalid UTF-8 and NUL (which PostgreSQL's jsonb cannot hold) shown as
    /// U+FFFD, cut to the sample length.
    /// </summary>
    private static string Text(ReadOnlySpan<byte> bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes[..Math.Min(bytes.Length, 4 * BadRowReasons.SampleLength)]).Replace('\0', '\uFFFD');
        return text.Length > BadRowReasons.SampleLength ? text[..BadRowReasons.SampleLength] : text;
    }
}
