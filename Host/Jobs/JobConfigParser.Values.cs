using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace DistSys.Jobs;

/// <summary>Typed reads of single values; each refusal names the field.</summary>
internal static partial class JobConfigParser
{
    private static string String(JsonElement value, string field, int maxLength)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            Fail($"config.{field}", "must be a string");
        }

        var text = value.GetString()!;
        if (text.Length > maxLength)
        {
            Fail($"config.{field}", $"is {text.Length} characters; at most {maxLength}");
        }

        if (text.Length == 0)
        {
            Fail($"config.{field}", "must not be empty");
        }

        return text;
    }

    private static int Int(Dictionary<string, JsonElement> fields, string field, int fallback, int min, int max)
    {
        if (!fields.TryGetValue(field, out var value))
        {
            return fallback;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n) || n < min || n > max)
        {
            return Fail<int>($"config.{field}", $"must be a whole number from {min} to {max}");
        }

        return (int)n;
    }

    private static double Number(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var n) || !double.IsFinite(n))
        {
            return Fail<double>($"config.{field}", "must be a finite number");
        }

        return n;
    }

    [DoesNotReturn]
    private static void Fail(string field, string detail) => throw new ConfigException(new ConfigError(field, detail));

    [DoesNotReturn]
    private static T Fail<T>(string field, string detail) => throw new ConfigException(new ConfigError(field, detail));

    private sealed class ConfigException(ConfigError error) : Exception(error.ToString())
    {
        public ConfigError Error { get; } = error;
    }
}
