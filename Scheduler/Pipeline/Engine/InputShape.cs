using System.Globalization;
using System.Text;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// What a raw file must be before the engine reads it: what its name says (told by its first bytes),
/// with its dataset's columns (a CSV's header line, a Parquet file's schema from its footer). Each
/// check reads a few bytes or one footer, and each failure is one line that names the object and
/// says what to fix.
/// </summary>
public static class InputShape
{
    /// <summary>Enough for any header the pipeline accepts; a longer first line is shown cut short.</summary>
    private const int HeadSize = 4096;

    private const int ShownLength = 120;

    private static readonly byte[] ParquetMagic = "PAR1"u8.ToArray();
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private static readonly HashSet<string> IntegerTypes = new(StringComparer.Ordinal)
    {
        "TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT", "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT",
    };

    public static PipelineFailure Empty(string key) => new($"{key} is empty (0 bytes); upload it again with its data, or delete it");

    /// <summary>Checks every file of the request (the advertiser list, each dataset's files) for what its name says and, for CSV, its header.</summary>
    public static void Check(FilterRequest request)
    {
        CheckCsv(new InputFile(request.AdvertiserIdsPath, request.AdvertiserIdsKey, IsParquet: false), "the advertiser list", ["advertiser_id"]);
        foreach (var dataset in RawDataset.All)
        {
            foreach (var file in request.FilesOf(dataset))
            {
                if (file.IsParquet)
                {
                    CheckParquet(file);
                }
                else
                {
                    CheckCsv(file, dataset.Name, dataset.Columns);
                }
            }
        }
    }

    public static ContentKind Sniff(ReadOnlySpan<byte> head) => head switch
    {
        [] => ContentKind.Empty,
        [(byte)'P', (byte)'A', (byte)'R', (byte)'1', ..] => ContentKind.Parquet,
        [0x1F, 0x8B, ..] => ContentKind.Gzip,
        _ when !head.Contains((byte)0) => ContentKind.Csv,
        _ => ContentKind.Other,
    };

    public static ContentKind Sniff(string path)
    {
        using var file = File.OpenHandle(path);
        Span<byte> head = stackalloc byte[4];
        return Sniff(head[..RandomAccess.Read(file, head, 0)]);
    }

    /// <summary>The failure for a file that holds <paramref name="found"/> where its name promises <paramref name="expected"/>.</summary>
    public static PipelineFailure Mismatch(string key, ContentKind found, string expected) => found switch
    {
        ContentKind.Empty => Empty(key),
        ContentKind.Parquet => new($"{key} holds Parquet, not {expected}; name it .parquet or upload {expected}"),
        ContentKind.Csv => new($"{key} holds CSV, not {expected}; name it .csv or upload {expected}"),
        ContentKind.Gzip => new($"{key} holds gzip-compressed data, not {expected}; name it .csv.gz or upload {expected}"),
        _ => new($"{key} is not {expected} (its first bytes are of no format the pipeline reads); upload {expected}"),
    };

    /// <summary>A CSV file's first line must be the header <paramref name="columns"/>, in that order (names compared ignoring case).</summary>
    public static void CheckCsv(InputFile file, string what, IReadOnlyList<string> columns)
    {
        var head = Head(file.Path, HeadSize);
        var kind = Sniff(head);
        if (kind != ContentKind.Csv)
        {
            throw Mismatch(file.Key, kind, "CSV");
        }

        var line = head.AsSpan();
        line = line.StartsWith(Bom) ? line[Bom.Length..] : line;
        line = line.IndexOf((byte)'\n') is var end and >= 0 ? line[..end] : line;
        var header = Encoding.UTF8.GetString(line).TrimEnd('\r');
        var names = header.Split(',').Select(name => name.Trim().Trim('"')).ToList();
        if (names.SequenceEqual(columns, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        var expected = string.Join(',', columns);
        var shown = header.Length > ShownLength ? header[..ShownLength] + "…" : header;
        throw new PipelineFailure(names.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(columns.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase)
            ? $"{file.Key} has its columns in the wrong order: the header is \"{shown}\"; {what} needs {expected}"
            : $"{file.Key} has the header \"{shown}\"; {what} needs the header {expected}");
    }

    /// <summary>A Parquet file starts and ends with its magic bytes; anything else is another format, or an upload cut short.</summary>
    public static void CheckParquet(InputFile file)
    {
        var kind = Sniff(Head(file.Path, ParquetMagic.Length));
        if (kind != ContentKind.Parquet)
        {
            throw Mismatch(file.Key, kind, "Parquet");
        }

        using var handle = File.OpenHandle(file.Path);
        var length = RandomAccess.GetLength(handle);
        Span<byte> tail = stackalloc byte[ParquetMagic.Length];
        if (length < 3 * ParquetMagic.Length || RandomAccess.Read(handle, tail, length - tail.Length) != tail.Length || !tail.SequenceEqual(ParquetMagic))
        {
            throw new PipelineFailure($"{file.Key} is damaged or cut short: it starts as Parquet but has no Parquet footer; upload it again");
        }
    }

    /// <summary>
    /// A Parquet file's schema (read from its footer) must hold the dataset's columns, by name, in types
    /// the digest reads: ids as text or integers, type as text, date as a date or text. Other columns are ignored.
    /// </summary>
    public static void CheckParquetColumns(DuckDbSession session, InputFile file, RawDataset dataset)
    {
        var schema = session.Query($"DESCRIBE SELECT * FROM read_parquet({Sql.Text(file.Path)})", r => (Name: r.GetString(0), Type: r.GetString(1)));
        var problems = new List<string>();
        foreach (var column in dataset.Columns)
        {
            var found = schema.FirstOrDefault(c => string.Equals(c.Name, column, StringComparison.OrdinalIgnoreCase));
            if (found.Name is null)
            {
                problems.Add($"{column} is missing");
            }
            else if (!Fits(column, found.Type))
            {
                problems.Add($"{column} is {found.Type} (expected {Expected(column)})");
            }
        }

        if (problems.Count > 0)
        {
            throw new PipelineFailure(string.Create(CultureInfo.InvariantCulture,
                $"{file.Key} does not have the columns of {dataset.Name}: {string.Join(", ", problems)}; the object has {string.Join(", ", schema.Select(c => $"{c.Name} {c.Type}"))}"));
        }
    }

    private static bool Fits(string column, string type) => column switch
    {
        "type" => type == "VARCHAR",
        "date" => type is "DATE" or "VARCHAR",
        _ => type == "VARCHAR" || IntegerTypes.Contains(type),
    };

    private static string Expected(string column) => column switch
    {
        "type" => "VARCHAR",
        "date" => "DATE or VARCHAR",
        _ => "VARCHAR or an integer type",
    };

    private static byte[] Head(string path, int size)
    {
        using var handle = File.OpenHandle(path);
        var head = new byte[(int)Math.Min(size, RandomAccess.GetLength(handle))];
        var read = 0;
        while (read < head.Length && RandomAccess.Read(handle, head.AsSpan(read), read) is var n and > 0)
        {
            read += n;
        }

        return head[..read];
    }
}
