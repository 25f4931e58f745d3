namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>A raw object on local disk: where it is, which object it came from, and how to read it.</summary>
public sealed record InputFile(string Path, string Key, bool IsParquet);
