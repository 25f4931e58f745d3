using System.Globalization;

namespace Recommender.Scheduler.Pipeline.Engine;

/// <summary>
/// The engine's SQL: scripts embedded next to this file, with <c>{{name}}</c> slots filled by
/// literals made here. Only the pipeline's own values (paths, dates, numbers) go into them.
/// </summary>
public static class Sql
{
    public static string Script(string name, IReadOnlyDictionary<string, string> slots)
    {
        var text = Embedded(typeof(Sql), name);
        foreach (var (slot, value) in slots)
        {
            text = text.Replace("{{" + slot + "}}", value, StringComparison.Ordinal);
        }

        var missing = text.IndexOf("{{", StringComparison.Ordinal);
        return missing < 0 ? text : throw new InvalidOperationException($"SQL script {name} has an unfilled slot at {text[missing..Math.Min(text.Length, missing + 30)]}.");
    }

    /// <summary>The script <c>Sql/&lt;name&gt;.sql</c> in the folder of <paramref name="owner"/>, embedded in the assembly.</summary>
    public static string Embedded(Type owner, string name)
    {
        var resource = $"{owner.Namespace}.Sql.{name}.sql";
        using var stream = owner.Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"SQL script {resource} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static string Text(string value) => $"'{value.Replace("'", "''", StringComparison.Ordinal)}'";

    public static string Date(DateOnly value) => $"DATE '{value:yyyy-MM-dd}'";

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string TextList(IEnumerable<string> values) => $"[{string.Join(", ", values.Select(Text))}]";
}
