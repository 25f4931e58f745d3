namespace Recommender.Scheduler.SampleData;

/// <summary>Where generated files go: a local folder or the data bucket.</summary>
public interface ISampleDataTarget
{
    /// <summary>Shown to the user, e.g. <c>s3://recs-data/</c> or a folder path.</summary>
    string Description { get; }

    /// <summary>A folder to build files in before they are handed over (same disk as the target when local).</summary>
    string StagingParent { get; }

    /// <summary>Stores <paramref name="localFile"/> under <paramref name="key"/>; the file is the target's afterwards.</summary>
    Task WriteAsync(string key, string localFile, CancellationToken cancellationToken);
}
