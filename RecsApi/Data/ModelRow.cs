using Npgsql;
using Recommender.Contracts;

namespace Recommender.RecsApi.Data;

/// <summary>Reads the ranked model rows the API's queries return (model 0 = top_ctr, 1 = top_product).</summary>
internal static class ModelRow
{
    public const int TopCtr = 0;
    public const int TopProduct = 1;

    public static int IndexOf(string model) => model == ModelNames.TopCtr ? TopCtr : TopProduct;

    public static RecommendedProduct Read(NpgsqlDataReader reader, int rankOrdinal) =>
        new(reader.GetString(rankOrdinal + 1), reader.GetInt16(rankOrdinal), reader.GetDouble(rankOrdinal + 2));
}
