using System.Text;
using Microsoft.Extensions.Logging;

namespace DistSys.Plugins.Ipc;

/// <summary>
/// A plugin's stderr, written to the node's log and nowhere else (never into a reason that reaches an
/// HTTP answer): at most <see cref="MaxLines"/> lines per instance, each cut to
/// <see cref="MaxLineLength"/> characters, control characters escaped so a plugin cannot forge log lines.
/// </summary>
internal sealed class StderrLog(ILogger logger, string plugin)
{
    public const int MaxLines = 200;
    public const int MaxLineLength = 300;
    private int _lines;

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        var count = Interlocked.Increment(ref _lines);
        if (count <= MaxLines)
        {
            PluginLog.Stderr(logger, plugin, Escape(line));
        }
        else if (count == MaxLines + 1)
        {
            PluginLog.StderrDropped(logger, plugin, MaxLines);
        }
    }

    /// <summary>The line, cut to the maximum, with every control character written as \uXXXX.</summary>
    public static string Escape(string line)
    {
        var text = line.Length > MaxLineLength ? line[..MaxLineLength] : line;
        if (!text.Any(char.IsControl))
        {
            return text;
        }

        var escaped = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            escaped.Append(char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return escaped.ToString();
    }
}
