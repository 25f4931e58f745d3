using Npgsql;
using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>
/// Reads the ranked model rows the API's queries return (model 0 = top_ctr, 1 = top_product): rank,
/// product_id, score, clicks, impressions, views, in that order (the evidence null where the model has none).
/// </summary>
internal static class ModelRow
{
    public const int TopCtr = 0;
    public const int TopProduct = 1;

    public static int IndexOf(string model) => model == ModelNames.TopCtr ? TopCtr : TopProduct;

    public static RecommendedProduct Read(NpgsqlDataReader reader, int rankOrdinal) =>
        new(reader.GetString(rankOrdinal + 1), reader.GetInt16(rankOrdinal), reader.GetDouble(rankOrdinal + 2),
            Evidence(reader, rankOrdinal + 3), Evidence(reader, rankOrdinal + 4), Evidence(reader, rankOrdinal + 5));

    private static long? Evidence(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
}
