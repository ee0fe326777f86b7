using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Messages;

/// <summary>
/// Answers a <see cref="SpawnRequest"/> (same correlation id) with the new pid or an error.
/// Layout: <c>0: u8 | pid</c> on success, <c>1: u8 | error: string</c> on failure.
/// </summary>
public readonly struct SpawnReply : IWireMessage<SpawnReply>
{
    private const byte SuccessTag = 0;
    private const byte FailureTag = 1;

    private SpawnReply(WirePid pid, string? error)
    {
        Pid = pid;
        Error = error;
    }

    /// <inheritdoc/>
    public static FrameKind Kind => FrameKind.SpawnReply;

    /// <summary>True when the process was spawned and <see cref="Pid"/> names it.</summary>
    public bool IsSuccess => Error is null;

    /// <summary>The process the message is about.</summary>
    public WirePid Pid { get; }

    /// <summary>Why the spawn failed, or null on success.</summary>
    public string? Error { get; }

    /// <inheritdoc/>
    public int PayloadLength => 1 + (IsSuccess ? Pid.Size : WireSize.Utf8String(Error));

    public static SpawnReply Success(WirePid pid) => new(pid, null);

    public static SpawnReply Failure(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new SpawnReply(default, error);
    }

    /// <inheritdoc/>
    public static SpawnReply Read(ref WireReader reader)
    {
        var tag = reader.ReadByte();
        switch (tag)
        {
            case SuccessTag:
                return Success(WirePid.Read(ref reader));
            case FailureTag:
                return Failure(reader.ReadString());
            default:
                WireThrow.Malformed($"unknown spawn reply tag {tag}");
                return default;
        }
    }

    /// <inheritdoc/>
    public void WritePayload(ref WireWriter writer)
    {
        if (IsSuccess)
        {
            writer.WriteByte(SuccessTag);
            Pid.Write(ref writer);
        }
        else
        {
            writer.WriteByte(FailureTag);
            writer.WriteString(Error);
        }
    }
}
