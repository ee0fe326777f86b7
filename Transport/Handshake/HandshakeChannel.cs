using System.Buffers;
using System.IO.Pipelines;
using DistSys.Transport.Connections.Internal;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Transport.Handshake;

/// <summary>
/// Reads and writes the few handshake messages over the raw pipe, consuming exactly what it parses so
/// the connection's read loop starts on the first frame after the handshake. The opening messages of
/// both sides go into the <see cref="Transcript"/> byte for byte: received ones as read, sent ones as
/// staged in a scratch buffer before they are copied to the pipe.
/// </summary>
internal sealed class HandshakeChannel : IDisposable
{
    private readonly IDuplexPipe _pipe;
    private readonly HandshakeOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly byte[] _scratch;
    private int _staged;

    public HandshakeChannel(IDuplexPipe pipe, HandshakeOptions options, CancellationToken cancellationToken)
    {
        _pipe = pipe;
        _options = options;
        _cancellationToken = cancellationToken;
        _scratch = ArrayPool<byte>.Shared.Rent(ConnectionPreamble.Size + FrameHeader.Size + options.MaxHandshakePayload);
    }

    public HandshakeTranscript Transcript { get; } = new();

    public async ValueTask<ushort> ReadPreambleAsync()
    {
        var input = _pipe.Input;
        while (true)
        {
            var result = await input.ReadAsync(_cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var match = ConnectionPreamble.Match(buffer, out var version);
            if (match == PreambleMatch.Cluster)
            {
                Transcript.Append(buffer.Slice(0, ConnectionPreamble.Size));
                input.AdvanceTo(buffer.GetPosition(ConnectionPreamble.Size));
                return version;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            if (match == PreambleMatch.Foreign)
            {
                throw new HandshakeAbort(HandshakeOutcome.ProtocolError, "the first bytes are not the cluster preamble");
            }

            ThrowIfEnded(result);
        }
    }

    /// <summary>
    /// Reads the next message, which must be a <typeparamref name="T"/> or a refusal. With
    /// <paramref name="bind"/>, its frame goes into the transcript except its last <paramref name="unboundTail"/>
    /// bytes (a proof cannot cover itself).
    /// </summary>
    public async ValueTask<T> ReadAsync<T>(bool bind = false, int unboundTail = 0)
        where T : struct, IWireMessage<T>
    {
        var input = _pipe.Input;
        while (true)
        {
            var result = await input.ReadAsync(_cancellationToken).ConfigureAwait(false);
            var whole = result.Buffer;
            var buffer = whole;
            if (Frame.TryRead(ref buffer, _options.MaxHandshakePayload, out var frame))
            {
                try
                {
                    if (frame.Header.Kind == FrameKind.HandshakeRefused)
                    {
                        var refused = SystemMessage.Read<HandshakeRefused>(frame, _options.Limits);
                        throw new HandshakeAbort(OutcomeOf(refused.Reason), "the peer refused the handshake");
                    }

                    var message = SystemMessage.Read<T>(frame, _options.Limits);
                    if (bind)
                    {
                        var raw = whole.Slice(0, buffer.Start);
                        Transcript.Append(raw.Slice(0, raw.Length - unboundTail));
                    }

                    return message;
                }
                finally
                {
                    input.AdvanceTo(buffer.Start);
                }
            }

            input.AdvanceTo(buffer.Start, buffer.End);
            ThrowIfEnded(result);
        }
    }

    public ValueTask WriteAsync<T>(in T message, bool withPreamble = false)
        where T : struct, IWireMessage<T>
    {
        var output = _pipe.Output;
        if (withPreamble)
        {
            ConnectionPreamble.Write(output.GetSpan(ConnectionPreamble.Size), _options.Version);
            output.Advance(ConnectionPreamble.Size);
        }

        SystemMessage.Write(output, message);
        return FlushAsync(output);
    }

    /// <summary>Encodes the preamble and <paramref name="message"/> into the scratch buffer, to be bound and sent.</summary>
    public void Stage<T>(in T message)
        where T : struct, IWireMessage<T>
    {
        if (message.PayloadLength > _options.MaxHandshakePayload)
        {
            throw new HandshakeAbort(HandshakeOutcome.ProtocolError, "our own handshake message exceeds the handshake limit (node name too long)");
        }

        ConnectionPreamble.Write(_scratch, _options.Version);
        var writer = FixedBufferWriter.Over(_scratch.AsMemory(ConnectionPreamble.Size, FrameHeader.Size + message.PayloadLength));
        try
        {
            SystemMessage.Write(writer, message);
            _staged = ConnectionPreamble.Size + writer.Written;
        }
        finally
        {
            writer.Release();
        }
    }

    /// <summary>Appends the staged bytes, less the last <paramref name="unboundTail"/>, to the transcript.</summary>
    public void BindStaged(int unboundTail = 0) => Transcript.Append(_scratch.AsSpan(0, _staged - unboundTail));

    /// <summary>Overwrites the staged message's last 32 bytes (the proof field, which is last).</summary>
    public void PatchStagedTail(Bytes32 value) => value.CopyTo(_scratch.AsSpan(_staged - Bytes32.Size, Bytes32.Size));

    public ValueTask SendStagedAsync()
    {
        var output = _pipe.Output;
        output.Write(_scratch.AsSpan(0, _staged));
        return FlushAsync(output);
    }

    public void Dispose()
    {
        Transcript.Dispose();
        ArrayPool<byte>.Shared.Return(_scratch);
    }

    private async ValueTask FlushAsync(PipeWriter output) =>
        await output.FlushAsync(_cancellationToken).ConfigureAwait(false);

    private static void ThrowIfEnded(ReadResult result)
    {
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new HandshakeAbort(HandshakeOutcome.PeerClosed, "the peer closed the connection during the handshake");
        }
    }

    private static HandshakeOutcome OutcomeOf(RefusalReason reason) => reason switch
    {
        RefusalReason.Version => HandshakeOutcome.RefusedVersion,
        RefusalReason.Auth => HandshakeOutcome.RefusedAuth,
        RefusalReason.Name => HandshakeOutcome.RefusedName,
        _ => HandshakeOutcome.RefusedBusy,
    };
}
