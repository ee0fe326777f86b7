using DistSys.Transport.Messages;
using WireKind = DistSys.Transport.Messages.ExitReasonKind;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>Exit reasons between the runtime's <see cref="ExitReason"/> and the wire's <see cref="WireExitReason"/>.</summary>
internal static class ExitReasons
{
    public static WireExitReason ToWire(ExitReason reason) => reason.Kind switch
    {
        Runtime.ExitReasonKind.Normal => WireExitReason.Normal,
        Runtime.ExitReasonKind.Kill => WireExitReason.Kill,
        Runtime.ExitReasonKind.Killed => WireExitReason.Killed,
        Runtime.ExitReasonKind.Shutdown => WireExitReason.Shutdown,
        Runtime.ExitReasonKind.NoProc => WireExitReason.NoProc,
        Runtime.ExitReasonKind.NoConnection => WireExitReason.NoConnection,
        Runtime.ExitReasonKind.Timeout => WireExitReason.Timeout,
        _ => WireExitReason.Of(Bounded(reason.ToString())),
    };

    public static ExitReason FromWire(WireExitReason reason) => reason.Kind switch
    {
        WireKind.Normal => ExitReason.Normal,
        WireKind.Kill => ExitReason.Kill,
        WireKind.Killed => ExitReason.Killed,
        WireKind.Shutdown => ExitReason.Shutdown,
        WireKind.NoProc => ExitReason.NoProc,
        WireKind.NoConnection => ExitReason.NoConnection,
        WireKind.Timeout => ExitReason.Timeout,
        _ => ExitReason.Custom(string.IsNullOrEmpty(reason.Text) ? "unknown" : reason.Text),
    };

    public static ExitReason FromText(string text) => FromWire(WireExitReason.Of(text));

    // An exception's message can be long; the wire bounds strings, so keep the reason readable and short.
    private static string Bounded(string text) => text.Length <= 1024 ? text : text[..1024];
}
