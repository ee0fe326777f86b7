using System.IO.Pipelines;
using DistSys.Transport.Framing;
using DistSys.Transport.Messages;

namespace DistSys.Transport.Handshake;

/// <summary>
/// Reads and writes the few handshake messages over the raw pipe, consuming exactly what it parses so
/// the connection's read loop starts on the first frame after the handshake.
/// </summary>
internal sealed class HandshakeChannel(IDuplexPipe pipe, HandshakeOptions options, CancellationToken cancellationToken)
{
    public async ValueTask<ushort> ReadPreambleAsync()
    {
        var input = pipe.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var match = ConnectionPreamble.Match(buffer, out var version);
            if (match == PreambleMatch.Cluster)
            {
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

    /// <summary>Reads the next message, which must be a <typeparamref name="T"/> or a refusal.</summary>
    public async ValueTask<T> ReadAsync<T>()
        where T : struct, IWireMessage<T>
    {
        var input = pipe.Input;
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (Frame.TryRead(ref buffer, options.MaxHandshakePayload, out var frame))
            {
                try
                {
                    if (frame.Header.Kind == FrameKind.HandshakeRefused)
                    {
                        var refused = SystemMessage.Read<HandshakeRefused>(frame, options.Limits);
                        throw new HandshakeAbort(OutcomeOf(refused.Reason), "the peer refused the handshake");
                    }

                    return SystemMessage.Read<T>(frame, options.Limits);
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
        var output = pipe.Output;
        if (withPreamble)
        {
            ConnectionPreamble.Write(output.GetSpan(ConnectionPreamble.Size), options.Version);
            output.Advance(ConnectionPreamble.Size);
        }

        SystemMessage.Write(output, message);
        return FlushAsync(output);
    }

    private async ValueTask FlushAsync(PipeWriter output) =>
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

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
