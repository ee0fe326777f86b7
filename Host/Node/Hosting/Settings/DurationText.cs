using System.Globalization;

namespace DistSys.Host.Hosting.Settings;

/// <summary>Durations as people write them in a config: "250ms", "1s", "1.5s", "2m"; a bare number is milliseconds.</summary>
internal static class DurationText
{
    public const string Expected = "a duration such as 250ms, 1s or 1.5s";

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text.Trim();
        var (number, scale) = trimmed switch
        {
            _ when trimmed.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (trimmed[..^2], 1.0),
            _ when trimmed.EndsWith('s') || trimmed.EndsWith('S') => (trimmed[..^1], 1000.0),
            _ when trimmed.EndsWith('m') || trimmed.EndsWith('M') => (trimmed[..^1], 60_000.0),
            _ => (trimmed, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var milliseconds = value * scale;
        // A day bounds every duration a node setting could sensibly hold, and keeps TimeSpan arithmetic far from overflow.
        if (milliseconds is <= 0 or > 86_400_000)
        {
            return false;
        }

        duration = TimeSpan.FromMilliseconds(milliseconds);
        return true;
    }
}
