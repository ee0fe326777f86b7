using System.Buffers;
using System.Text;
using DistSys.Plugins.Sdk.Protocol;
using DistSys.Transport.Framing;
using DistSys.Transport.SharedMemory;

namespace DistSys.Plugins.Sdk.Internal;

/// <summary>
/// Announces the plugin, then answers requests one at a time in ring order. The request payload is
/// handed to the operation straight from the ring; the response is built in one reused buffer.
/// </summary>
internal sealed class RequestLoop(PluginDefinition definition, RingReader reader, ResponseWriter output)
{
    private static readonly TimeSpan IdleWait = TimeSpan.FromSeconds(1);
    private readonly ArrayBufferWriter<byte> _response = new(4096);

    public int Run()
    {
        var hello = new PluginHello(definition.Name, definition.Version, [.. definition.Operations.Select(op => new HelloOperation(op.Name, op.Idempotent))]);
        hello.Write(_response);
        if (!output.Write(PluginProtocol.Hello(), _response.WrittenSpan))
        {
            return 0;
        }

        while (true)
        {
            if (!reader.TryRead(out var frame))
            {
                if (reader.WaitToRead(IdleWait) == RingWaitResult.PeerClosed)
                {
                    return 0;
                }

                continue;
            }

            switch (frame.Header.Kind)
            {
                case FrameKind.Message when frame.Header.Status == 0: // a status belongs to responses only
                    var answered = Answer(frame.Header, frame.Payload.FirstSpan);
                    reader.Advance();
                    if (!answered)
                    {
                        return 0;
                    }

                    break;
                case FrameKind.NodeLeaving:
                    return 0;
                default:
                    Console.Error.WriteLine($"plugin {definition.Name}: unexpected frame {frame.Header}");
                    return PluginProtocol.ProtocolViolationExitCode;
            }
        }
    }

    private bool Answer(in FrameHeader request, ReadOnlySpan<byte> input)
    {
        _response.ResetWrittenCount();
        var status = Execute(request.Target, input);
        if (request.Correlation == 0)
        {
            return true;
        }

        if (_response.WrittenCount > output.MaxPayload)
        {
            status = Fail($"the response of {_response.WrittenCount} bytes exceeds the ring's maximum payload of {output.MaxPayload} bytes");
        }

        return output.Write(PluginProtocol.Response(status, request.Correlation, request.Flags), _response.WrittenSpan);
    }

    private PluginStatus Execute(ulong target, ReadOnlySpan<byte> input)
    {
        if (target == PluginProtocol.HealthTarget)
        {
            return definition.HealthCheck?.Invoke() ?? true ? PluginStatus.Ok : Fail("the health check reported unhealthy");
        }

        if (target > (ulong)definition.Operations.Count)
        {
            Fail($"no operation {target}: this plugin has {definition.Operations.Count}");
            return PluginStatus.UnknownOperation;
        }

        try
        {
            definition.Operations[(int)target - 1].Handler(input, _response);
            return PluginStatus.Ok;
        }
#pragma warning disable CA1031 // An operation's failure is the caller's answer, not the plugin's end.
        catch (Exception error) when (error is not OutOfMemoryException)
#pragma warning restore CA1031
        {
            return Fail($"{error.GetType().Name}: {error.Message}");
        }
    }

    private PluginStatus Fail(string reason)
    {
        _response.ResetWrittenCount();
        var length = Encoding.UTF8.GetByteCount(reason);
        Encoding.UTF8.GetBytes(reason, _response.GetSpan(length));
        _response.Advance(length);
        return PluginStatus.Failed;
    }
}
