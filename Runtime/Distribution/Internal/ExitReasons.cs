using DistSys.Transport.Messages;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>Exit reasons between the runtime's <see cref="ExitReason"/> and the wire's <see cref="WireExitReason"/>.</summary>
internal static class ExitReasons
{
    public static WireExitReason ToWire(ExitReason reason) => reason.Kind switch
    {
        ExitReasonKind.Normal => WireExitReason.Normal,
        ExitReasonKind.Kill => WireExitReason.Kill,
        ExitReasonKind.Killed => WireExitReason.Killed,
        ExitReasonKind.Shutdown => WireExitReason.Shutdown,
        ExitReasonKind.NoProc => WireExitReason.NoProc,
        ExitReasonKind.NoConnection => WireExitReason.NoConnection,
        ExitReasonKind.Timeout => WireExitReason.Timeout,
        _ => WireExitReason.Of(Bounded(reason.ToString())),
    };

    public static ExitReason FromWire(WireExitReason reason) => reason.Kind switch
    {
        ExitReasonKind.Normal => ExitReason.Normal,
        ExitReasonKind.Kill => ExitReason.Kill,
        ExitReasonKind.Killed => ExitReason.Killed,
        ExitReasonKind.Shutdown => ExitReason.Shutdown,
        ExitReasonKind.NoProc => ExitReason.NoProc,
        ExitReasonKind.NoConnection => ExitReason.NoConnection,
        ExitReasonKind.Timeout => ExitReason.Timeout,
        _ => ExitReason.Custom(string.IsNullOrEmpty(reason.Text) ? "unknown" : reason.Text),
    };

    public static ExitReason FromText(string text) => FromWire(WireExitReason.Of(text));

    // An exception's message can be long; the wire bounds strings, so keep the reason readable and short.
    private static string Bounded(string text) => text.Length <= 1024 ? text : text[..1024];
}
