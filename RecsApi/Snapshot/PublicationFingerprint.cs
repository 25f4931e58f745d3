using Npgsql;
using Recommender.RecsApi.Data;

namespace Recommender.RecsApi.Snapshot;

/// <summary>A cheap summary of published_dates that changes whenever anything is published or deleted.</summary>
public sealed record PublicationFingerprint(DateOnly? LatestDate, long Dates, DateTimeOffset? LastPublishedAt, decimal RowVersions)
{
    public static async Task<PublicationFingerprint> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var batch = Sql.Batch(connection, "publication_fingerprint");
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new PublicationFingerprint(
            reader.IsDBNull(0) ? null : reader.GetFieldValue<DateOnly>(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2),
            reader.GetDecimal(3));
    }
}
