namespace DistSys.Plugins.Ipc;

/// <summary>The last lines a plugin wrote to stderr, quoted in the reason of its death.</summary>
internal sealed class StderrTail
{
    private const int MaxLines = 8;
    private const int MaxLineLength = 300;
    private readonly Queue<string> _lines = new();
    private readonly Lock _gate = new();

    public void Add(string? line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return;
        }

        lock (_gate)
        {
            _lines.Enqueue(line.Length > MaxLineLength ? line[..MaxLineLength] : line);
            if (_lines.Count > MaxLines)
            {
                _lines.Dequeue();
            }
        }
    }

    public override string ToString()
    {
        lock (_gate)
        {
            return _lines.Count == 0 ? string.Empty : $"; stderr: {string.Join(" | ", _lines)}";
        }
    }
}
