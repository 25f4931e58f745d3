using System.Globalization;
using System.Reflection;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// The engine's SQL: scripts embedded next to this file, with <c>{{name}}</c> slots filled by
/// literals made here. Only the pipeline's own values (paths, dates, numbers) go into them.
/// </summary>
public static class Sql
{
    private static readonly Assembly Assembly = typeof(Sql).Assembly;

    public static string Script(string name, IReadOnlyDictionary<string, string> slots)
    {
        var resource = $"{typeof(Sql).Namespace}.Sql.{name}.sql";
        using var stream = Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"SQL script {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        foreach (var (slot, value) in slots)
        {
            text = text.Replace("{{" + slot + "}}", value, StringComparison.Ordinal);
        }

        var missing = text.IndexOf("{{", StringComparison.Ordinal);
        return missing < 0 ? text : throw new InvalidOperationException($"SQL script {name} has an unfilled slot at {text[missing..Math.Min(text.Length, missing + 30)]}.");
    }

    public static string Text(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public static string Date(DateOnly value) => $"DATE '{value:yyyy-MM-dd}'";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string TextList(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(Text))}]";
}
