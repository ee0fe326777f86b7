using System.Buffers;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Bench.Transport;

/// <summary>Sends every frame straight back on the read loop.</summary>
internal sealed class LoopbackEcho : IFrameHandler
{
    private byte[] _scratch = new byte[1024];

    public void OnFrame(in Frame frame, Connection connection)
    {
        var payload = frame.Payload;
        if (payload.IsSingleSegment)
        {
            LoopbackEndpoints.Send(connection, frame.Header, payload.FirstSpan);
            return;
        }

        if (_scratch.Length < payload.Length)
        {
            _scratch = new byte[payload.Length];
        }

        payload.CopyTo(_scratch);
        LoopbackEndpoints.Send(connection, frame.Header, _scratch.AsSpan(0, (int)payload.Length));
    }

    public void OnClosed(Connection connection, CloseReason reason)
    {
    }
}
