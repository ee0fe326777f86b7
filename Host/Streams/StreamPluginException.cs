namespace DistSys.Streams;

/// <summary>
/// A <c>plugin:NAME</c> operator's call failed, or its answer was not NDJSON objects: the instance exits with
/// <see cref="ExitPrefix"/> and the runner counts it, then replays the batch from the source (at-least-once).
/// </summary>
internal sealed class StreamPluginException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>What the exit reason of an instance whose plugin failed starts with (it crosses nodes as text).</summary>
    public const string ExitPrefix = "plugin_failed: ";
}
