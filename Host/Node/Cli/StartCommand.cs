using System.Globalization;

namespace DistSys.Host.Cli;

/// <summary>
/// <c>distributed_system start [--workers N] [--port P] [--data-dir DIR]</c>: a master on 127.0.0.1:P and
/// N workers on the next N ports, as child processes in the foreground, until Ctrl-C or SIGTERM.
/// Each node keeps its files in DIR/NAME and writes its log to DIR/NAME.log.
/// </summary>
internal sealed record StartCommand(int Workers, int Port, string DataDir) : Command
{
    public const int DefaultWorkers = 2;
    public const int DefaultPort = 8080;
    public const string DefaultDataDir = "data";

    /// <summary>More would only be a fork bomb on one machine; a bigger cluster is started node by node.</summary>
    public const int MaxWorkers = 32;

    public static Command Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg : arg[..equals];
            if (Spec.ToolSpecs.Start.Option(name) is null)
            {
                return new UsageError(arg.StartsWith("--", StringComparison.Ordinal)
                    ? $"unknown option '{name}' for start (it takes {string.Join(", ", Spec.ToolSpecs.Start.Options.Select(o => o.Label))})"
                    : $"start takes no positional arguments ('{arg}')");
            }

            if (values.ContainsKey(name))
            {
                return new UsageError($"option '{name}' given twice");
            }

            if (equals < 0 && i + 1 >= args.Count)
            {
                return new UsageError($"option '{name}' needs a value");
            }

            values[name] = equals < 0 ? args[++i] : arg[(equals + 1)..];
        }

        var workers = DefaultWorkers;
        if (values.TryGetValue("--workers", out var text) && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out workers) && workers <= MaxWorkers))
        {
            return new UsageError($"invalid --workers '{text}': expected a whole number from 0 to {MaxWorkers}");
        }

        var port = DefaultPort;
        // The workers listen on the ports after the master's, so the last one must still be a port.
        if (values.TryGetValue("--port", out text) && !(Endpoint.TryParsePort(text, out port) && port + workers <= ushort.MaxValue))
        {
            return new UsageError($"invalid --port '{text}': expected a whole number from 1 to {ushort.MaxValue - workers} (the workers take the next {workers})");
        }

        var dataDir = values.GetValueOrDefault("--data-dir", DefaultDataDir);
        return dataDir.Length == 0 ? new UsageError("invalid --data-dir '': expected a directory") : new StartCommand(workers, port, dataDir);
    }
}
