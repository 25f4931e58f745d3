namespace Recommender.Scheduler.Pipeline.Engine.Csv;

/// <summary>A byte range of one input file; files are numbered in key order and ranges in file order.</summary>
internal sealed record CsvRange(int File, int Index, long Start, long End);
