using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Why a process exited, as carried by exit and DOWN signals. Layout: <c>kind: u8</c>, followed by
/// <c>text: string</c> only when kind is <see cref="ExitReasonKind.Custom"/>.
/// </summary>
public readonly record struct WireExitReason
{
    private static readonly string[] Names = ["normal", "kill", "killed", "shutdown", "noproc", "noconnection", "timeout"];

    private WireExitReason(ExitReasonKind kind, string? text)
    {
        Kind = kind;
        Text = text;
    }

    public static WireExitReason Normal => new(ExitReasonKind.Normal, null);

    public static WireExitReason Kill => new(ExitReasonKind.Kill, null);

    public static WireExitReason Killed => new(ExitReasonKind.Killed, null);

    public static WireExitReason Shutdown => new(ExitReasonKind.Shutdown, null);

    public static WireExitReason NoProc => new(ExitReasonKind.NoProc, null);

    public static WireExitReason NoConnection => new(ExitReasonKind.NoConnection, null);

    public static WireExitReason Timeout => new(ExitReasonKind.Timeout, null);

    /// <summary>Which well-known reason, or Other.</summary>
    public ExitReasonKind Kind { get; }

    /// <summary>The free-form reason when <see cref="Kind"/> is <see cref="ExitReasonKind.Custom"/>, else null.</summary>
    public string? Text { get; }

    /// <summary>Fewest bytes a reason can take: bounds list counts.</summary>
    internal const int MinSize = 1;

    internal int Size => Kind == ExitReasonKind.Custom ? 1 + WireSize.Utf8String(Text) : 1;

    /// <summary>The reason named <paramref name="text"/>: a well-known kind when the name matches one, else Other.</summary>
    public static WireExitReason Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var known = Array.IndexOf(Names, text);
        return known >= 0 ? new WireExitReason((ExitReasonKind)known, null) : new WireExitReason(ExitReasonKind.Custom, text);
    }

    public override string ToString() => Kind == ExitReasonKind.Custom ? Text! : Names[(int)Kind];

    internal static WireExitReason Read(ref WireReader reader)
    {
        var kind = (ExitReasonKind)reader.ReadByte();
        if (kind == ExitReasonKind.Custom)
        {
            return Of(reader.ReadString()); // canonical: a well-known name sent as text decodes as its kind
        }

        if ((int)kind >= Names.Length)
        {
            WireThrow.Malformed($"unknown exit reason kind {(byte)kind}");
        }

        return new WireExitReason(kind, null);
    }

    internal void Write(ref WireWriter writer)
    {
        writer.WriteByte((byte)Kind);
        if (Kind == ExitReasonKind.Custom)
        {
            writer.WriteString(Text);
        }
    }
}
