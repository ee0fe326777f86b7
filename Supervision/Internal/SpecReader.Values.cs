using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace DistSys.Supervision.Internal;

/// <summary>Typed values, each checked against its bounds.</summary>
internal sealed partial class SpecReader
{
    private static readonly TimeSpan MaxDuration = TimeSpan.FromDays(1);
    private const int MaxTextLength = 200;

    private static void RejectUnknownKeys(IConfigurationSection section, string[] allowed)
    {
        foreach (var entry in section.GetChildren())
        {
            if (!allowed.Contains(entry.Key, StringComparer.Ordinal))
            {
                ConfigErrors.Throw(entry.Path, $"unknown key (expected one of {string.Join(", ", allowed)})");
            }
        }
    }

    private static T ReadChoice<T>(IConfigurationSection parent, string key, (string Text, T Value)[] choices, T fallback)
    {
        var section = parent.GetSection(key);
        if (section.Value is not { } text)
        {
            return fallback;
        }

        foreach (var (name, value) in choices)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        return ConfigErrors.Throw<T>(section.Path, $"'{Clip(text)}' is not one of {string.Join(", ", choices.Select(c => c.Text))}");
    }

    private static int ReadInt(IConfigurationSection parent, string key, int min, int max, int fallback)
    {
        var section = parent.GetSection(key);
        if (section.Value is not { } text)
        {
            return fallback;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : ConfigErrors.Throw<int>(section.Path, $"'{Clip(text)}' is not a whole number from {min} to {max}");
    }

    /// <summary>A number of milliseconds, or a time span such as 00:00:05.</summary>
    private static TimeSpan ReadDuration(IConfigurationSection parent, string key, TimeSpan fallback)
    {
        var section = parent.GetSection(key);
        return section.Value is null ? fallback : ParseDuration(section);
    }

    private static TimeSpan ParseDuration(IConfigurationSection section)
    {
        var text = section.Value!;
        TimeSpan value;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && double.IsFinite(ms))
        {
            value = ms <= MaxDuration.TotalMilliseconds ? TimeSpan.FromMilliseconds(ms) : TimeSpan.MaxValue;
        }
        else if (!TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out value))
        {
            return ConfigErrors.Throw<TimeSpan>(section.Path, $"'{Clip(text)}' is neither milliseconds nor a time span like 00:00:05");
        }

        return value > TimeSpan.Zero && value <= MaxDuration
            ? value
            : ConfigErrors.Throw<TimeSpan>(section.Path, $"'{Clip(text)}' is not a duration above zero and at most one day");
    }

    private static ShutdownPolicy ReadShutdown(IConfigurationSection section) => section.Value switch
    {
        "brutal_kill" => ShutdownPolicy.BrutalKill,
        "infinity" => ShutdownPolicy.Infinity,
        _ when double.TryParse(section.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) => ShutdownPolicy.After(ParseDuration(section)),
        _ => ConfigErrors.Throw<ShutdownPolicy>(section.Path, $"'{Clip(section.Value!)}' is not one of brutal_kill, infinity, or a timeout in milliseconds"),
    };

    private static RestartBackoff? ReadBackoff(IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }

        RejectUnknownKeys(section, ["Initial", "Max", "JitterPercent"]);
        var backoff = new RestartBackoff();
        backoff = backoff with
        {
            Initial = ReadDuration(section, "Initial", backoff.Initial),
            Max = ReadDuration(section, "Max", backoff.Max),
            Jitter = ReadInt(section, "JitterPercent", 0, 100, (int)(backoff.Jitter * 100)) / 100.0,
        };
        return backoff.Max >= backoff.Initial
            ? backoff
            : ConfigErrors.Throw<RestartBackoff>(section.GetSection("Max").Path, "Max is below Initial");
    }

    private static string? ReadOptionalText(IConfigurationSection parent, string key)
    {
        var section = parent.GetSection(key);
        if (section.Value is not { } text)
        {
            return null;
        }

        return text.Length is > 0 and <= MaxTextLength
            ? text
            : ConfigErrors.Throw<string>(section.Path, $"must be 1 to {MaxTextLength} characters");
    }

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 40), "…");
}
