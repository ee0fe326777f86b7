using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace DistSys.Node.Tests.Metrics;

/// <summary>
/// A strict reader of the Prometheus text exposition format (0.0.4): every family has exactly one HELP
/// and one TYPE line before its samples, a family's samples are contiguous, every sample line is
/// <c>name{label="value",...} value</c> with valid names, escapes and a number, no sample repeats its
/// labels, counters are not negative, and a histogram's buckets are cumulative up to a +Inf bucket equal
/// to its count. Anything else throws <see cref="FormatException"/> naming the line.
/// </summary>
internal sealed partial class PrometheusText
{
    private static readonly string[] Types = ["counter", "gauge", "histogram", "summary", "untyped"];

    private PrometheusText(Dictionary<string, Family> families) => Families = families;

    public IReadOnlyDictionary<string, Family> Families { get; }

    /// <summary>The value of the one sample of <paramref name="name"/> whose labels include <paramref name="labels"/> ("k=v"), summed if several match.</summary>
    public double Value(string name, params string[] labels)
    {
        var matches = Samples(name, labels).ToList();
        return matches.Count == 0 ? throw new KeyNotFoundException($"no sample {name}{{{string.Join(',', labels)}}}") : matches.Sum(s => s.Value);
    }

    /// <summary>Like <see cref="Value"/>, 0 when no sample matches (a labelled series not observed yet).</summary>
    public double ValueOrZero(string name, params string[] labels) => Samples(name, labels).Sum(s => s.Value);

    public static PrometheusText Parse(string text)
    {
        var families = new Dictionary<string, Family>(StringComparer.Ordinal);
        Family? current = null;
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('#'))
            {
                current = Comment(line, lineNumber, families, current);
                continue;
            }

            var sample = ReadSample(line, lineNumber);
            var family = current is not null && current.Owns(sample.Name) ? current
                : throw Bad(lineNumber, $"sample '{sample.Name}' is not in the family its HELP/TYPE lines opened ({current?.Name ?? "none"})");
            if (family.Type is null || family.Help is null)
            {
                throw Bad(lineNumber, $"family '{family.Name}' has samples before its HELP and TYPE");
            }

            if (!family.Keys.Add(sample.Name + "{" + string.Join(',', sample.Labels.Select(l => $"{l.Key}={l.Value}")) + "}"))
            {
                throw Bad(lineNumber, $"sample repeated: {line}");
            }

            if (family.Type == "counter" && sample.Value < 0)
            {
                throw Bad(lineNumber, $"negative counter: {line}");
            }

            family.Samples.Add(sample);
        }

        foreach (var family in families.Values)
        {
            if (family.Help is null || family.Type is null)
            {
                throw new FormatException($"family '{family.Name}' lacks its HELP or TYPE line");
            }

            if (family.Type == "histogram")
            {
                CheckHistogram(family);
            }
        }

        return new PrometheusText(families);
    }

    private IEnumerable<Sample> Samples(string name, string[] labels) =>
        Families.Values.SelectMany(f => f.Samples).Where(s => s.Name == name && labels.All(l =>
        {
            var (key, value) = (l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            return s.Labels.TryGetValue(key, out var actual) && actual == value;
        }));

    private static Family? Comment(string line, int lineNumber, Dictionary<string, Family> families, Family? current)
    {
        var match = CommentLine().Match(line);
        if (!match.Success)
        {
            throw Bad(lineNumber, $"not a HELP or TYPE line: {line}");
        }

        var (kind, name, rest) = (match.Groups[1].Value, match.Groups[2].Value, match.Groups[3].Value);
        if (!families.TryGetValue(name, out var family))
        {
            family = new Family(name);
            families.Add(name, family);
        }
        else if (family != current || family.Samples.Count > 0)
        {
            throw Bad(lineNumber, $"family '{name}' is declared twice or not contiguously");
        }

        if (kind == "HELP")
        {
            family.Help = family.Help is null ? Unescape(rest, lineNumber, help: true) : throw Bad(lineNumber, $"second HELP for '{name}'");
        }
        else
        {
            family.Type = family.Type is null && Types.Contains(rest) ? rest : throw Bad(lineNumber, $"bad or second TYPE for '{name}': {rest}");
        }

        return family;
    }

    private static Sample ReadSample(string line, int lineNumber)
    {
        var match = SampleLine().Match(line);
        if (!match.Success)
        {
            throw Bad(lineNumber, $"malformed sample: {line}");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match label in LabelPair().Matches(match.Groups[2].Value))
        {
            if (!labels.TryAdd(label.Groups[1].Value, Unescape(label.Groups[2].Value, lineNumber, help: false)))
            {
                throw Bad(lineNumber, $"label '{label.Groups[1].Value}' repeated: {line}");
            }
        }

        var value = match.Groups[3].Value switch
        {
            "+Inf" => double.PositiveInfinity,
            "-Inf" => double.NegativeInfinity,
            "NaN" => double.NaN,
            var number => double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw Bad(lineNumber, $"bad value: {line}"),
        };
        return new Sample(match.Groups[1].Value, labels, value);
    }

    private static void CheckHistogram(Family family)
    {
        foreach (var series in family.Samples.Where(s => s.Name == family.Name + "_count"))
        {
            var key = Key(series.Labels);
            var buckets = family.Samples.Where(s => s.Name == family.Name + "_bucket" && Key(s.Labels.Where(l => l.Key != "le")) == key).ToList();
            if (buckets.Count == 0 || !family.Samples.Any(s => s.Name == family.Name + "_sum" && Key(s.Labels) == key))
            {
                throw new FormatException($"histogram '{family.Name}' {key} lacks its buckets or sum");
            }

            var bounds = buckets.Select(b => b.Labels.TryGetValue("le", out var le) ? le : throw new FormatException($"bucket of '{family.Name}' without le")).ToList();
            var counts = buckets.Select(b => b.Value).ToList();
            if (bounds[^1] != "+Inf" || counts[^1] != series.Value || counts.Zip(counts.Skip(1)).Any(p => p.Second < p.First))
            {
                throw new FormatException($"histogram '{family.Name}' {key}: buckets not cumulative or +Inf != count");
            }
        }
    }

    private static string Key(IEnumerable<KeyValuePair<string, string>> labels) =>
        string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));

    // HELP text escapes \\ and \n; label values also \".
    private static string Unescape(string text, int lineNumber, bool help)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\')
            {
                builder.Append(text[i]);
                continue;
            }

            builder.Append(++i < text.Length ? text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                '"' when !help => '"',
                _ => throw Bad(lineNumber, $"bad escape '\\{text[i]}'"),
            } : throw Bad(lineNumber, "trailing backslash"));
        }

        return builder.ToString();
    }

    private static FormatException Bad(int line, string what) => new($"line {line}: {what}");

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$")]
    private static partial Regex CommentLine();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"")(?:,[a-zA-Z_][a-zA-Z0-9_]*=""(?:[^""\\]|\\.)*"")*,?)?\})? (\S+)(?: -?\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();

    internal sealed class Family(string name)
    {
        public string Name { get; } = name;

        public string? Help { get; set; }

        public string? Type { get; set; }

        public List<Sample> Samples { get; } = [];

        internal HashSet<string> Keys { get; } = new(StringComparer.Ordinal);

        /// <summary>A histogram's samples are NAME_bucket, NAME_sum and NAME_count; other families' samples are NAME.</summary>
        public bool Owns(string sample) => sample == Name || (Type is "histogram" or "summary" && (sample == Name + "_bucket" || sample == Name + "_sum" || sample == Name + "_count"));
    }

    internal sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);
}
