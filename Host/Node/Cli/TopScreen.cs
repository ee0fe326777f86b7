using System.Globalization;
using System.Text;
using DistSys.Host.Processes;

namespace DistSys.Host.Cli;

/// <summary>One frame of <c>top</c>: the node's figures, then its top processes as columns, like observer_cli's first page.</summary>
internal static class TopScreen
{
    private const int MaxText = 28;

    public static string Render(TopView view, double? messagesPerSecond, bool interactive)
    {
        var s = view.Stats;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"distsys top · {view.Node} · up {s.UptimeSeconds:F0} s · {s.Processes:N0} processes ({s.Spawned:N0} spawned, {s.Exited:N0} exited)\n");
        text.Append(CultureInfo.InvariantCulture,
            $"messages {s.MessagesHandled:N0} handled, {(messagesPerSecond is { } rate ? rate.ToString("N0", CultureInfo.InvariantCulture) : "…")} /s · heap {Mib(s.HeapBytes)} · RSS {Mib(s.WorkingSetBytes)}" +
            $" · GC {s.Gen0Collections}/{s.Gen1Collections}/{s.Gen2Collections} (gen0/1/2), {s.GcPauseSeconds:F3} s paused\n");
        text.Append(CultureInfo.InvariantCulture, $"top {view.Processes.Count} by {view.By} (walk {view.WalkMs:F1} ms)");
        text.Append(interactive ? " · keys: m mailbox, h handled, b memory, q quit\n\n" : "\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{"PID",-18} {"NAME",-28} {"BEHAVIOUR",-28} {"STATUS",-9} {"MAILBOX",9} {"HANDLED",14} {"MBOX BYTES",11}\n");
        foreach (var p in view.Processes)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{p.Pid,-18} {Cut(p.Name ?? "-"),-28} {Cut(p.Behaviour),-28} {p.Status,-9} {p.MailboxLength,9:N0} {p.MessagesHandled,14:N0} {p.MailboxBytes,11:N0}\n");
        }

        return text.ToString();
    }

    private static string Mib(long bytes) => (bytes / 1048576.0).ToString("F1", CultureInfo.InvariantCulture) + " MiB";

    private static string Cut(string value) => value.Length <= MaxText ? value : value[..(MaxText - 1)] + "…";
}
