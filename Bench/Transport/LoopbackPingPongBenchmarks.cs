using System.Buffers;
using BenchmarkDotNet.Attributes;
using DistSys.Transport.Connections;
using DistSys.Transport.Framing;

namespace DistSys.Bench.Transport;

/// <summary>
/// Ping-pong over 127.0.0.1 with many messages in flight: the client sends a window of frames, the
/// server echoes each one, the client waits for the whole window to come back. An operation is one
/// round trip.
/// </summary>
public class LoopbackPingPongBenchmarks
{
    private const int Window = 256;
    private const int Rounds = 20;

    private LoopbackCounter _echoes = null!;
    private Connection _client = null!;
    private Connection _server = null!;
    private LoopbackNaive _naive = null!;
    private byte[] _payload = [];
    private byte[] _naiveFrame = [];

    [Params(32, 1024, 65536)]
    public int PayloadSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _payload = new byte[PayloadSize];
        _naiveFrame = LoopbackEndpoints.Frame(PayloadSize);
        _echoes = new LoopbackCounter();
        (_client, _server) = LoopbackEndpoints.ConnectPair(_echoes, new Echo());
        _naive = new LoopbackNaive(echo: true);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        // Write coalescing, reported in the benchmark log: how many frames each flush carried.
        Console.WriteLine($"// {nameof(LoopbackEndpoints)} {PayloadSize} B: {_client.FramesSent} frames in {_client.Flushes} flushes = {(double)_client.FramesSent / Math.Max(1, _client.Flushes):F1} frames/flush");
        _client.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _naive.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Window * Rounds)]
    public void NaiveNetworkStream()
    {
        for (var round = 0; round < Rounds; round++)
        {
            _naive.Expect(Window);
            for (var i = 0; i < Window; i++)
            {
                _naive.Client.Write(_naiveFrame);
            }

            _naive.WaitReceived();
        }
    }

    [Benchmark(OperationsPerInvoke = Window * Rounds)]
    public void Connection()
    {
        for (var round = 0; round < Rounds; round++)
        {
            _echoes.Expect(Window);
            for (var i = 0; i < Window; i++)
            {
                LoopbackEndpoints.Send(_client, LoopbackEndpoints.Header, _payload);
            }

            _echoes.Wait();
        }
    }

    /// <summary>Sends every frame straight back on the read loop.</summary>
    private sealed class Echo : IFrameHandler
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
}
