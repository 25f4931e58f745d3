using Npgsql;
using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>Recommendations of dates other than the latest, straight from PostgreSQL.</summary>
public sealed class RecommendationQueries(NpgsqlDataSource dataSource)
{
    public async Task<AdvertiserDay> GetAdvertiserDayAsync(DateOnly date, string advertiserId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var batch = Sql.Batch(connection, "advertiser_day", date, advertiserId);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);

        await reader.ReadAsync(cancellationToken);
        var (published, active, known) = (reader.GetBoolean(0), reader.GetBoolean(1), reader.GetBoolean(2));

        await reader.NextResultAsync(cancellationToken);
        var lists = new[] { new List<RecommendedProduct>(), new List<RecommendedProduct>() };
        while (await reader.ReadAsync(cancellationToken))
        {
            lists[reader.GetInt32(0)].Add(ModelRow.Read(reader, 1));
        }

        return new AdvertiserDay(published, active, known, lists[ModelRow.TopCtr], lists[ModelRow.TopProduct]);
    }
}
