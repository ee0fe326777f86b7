using System.Buffers.Binary;
using System.Net.Sockets;
using DistSys.Transport.Framing;

namespace DistSys.Bench.Transport;

/// <summary>
/// The naive baseline: a <see cref="NetworkStream"/>, one Write per message, and readers that read each
/// frame's header then its payload with ReadExactly. One-way: the server thread counts. Echo: the
/// server thread writes every frame back and a client thread counts the echoes (a reader separate from
/// the writer, as a window of large frames would otherwise deadlock both socket buffers).
/// </summary>
internal sealed class LoopbackNaive : IDisposable
{
    private readonly Thread _serverThread;
    private readonly Thread? _echoReader;
    private readonly SemaphoreSlim _received = new(0);
    private readonly bool _echo;
    private long _target = long.MaxValue;
    private long _count;

    public LoopbackNaive(bool echo)
    {
        var (client, server) = LoopbackEndpoints.ConnectSockets();
        Client = new NetworkStream(client, ownsSocket: true);
        Server = new NetworkStream(server, ownsSocket: true);
        _echo = echo;
        _serverThread = new Thread(ServeLoop) { IsBackground = true };
        _serverThread.Start();
        if (echo)
        {
            _echoReader = new Thread(() => CountLoop(Client)) { IsBackground = true };
            _echoReader.Start();
        }
    }

    public NetworkStream Client { get; }

    public NetworkStream Server { get; }

    /// <summary>Arms <see cref="WaitReceived"/> to return once <paramref name="count"/> more frames were counted.</summary>
    public void Expect(long count) => Volatile.Write(ref _target, Volatile.Read(ref _count) + count);

    public void WaitReceived() => _received.Wait();

    public void Dispose()
    {
        Client.Dispose();
        Server.Dispose();
        _serverThread.Join();
        _echoReader?.Join();
        _received.Dispose();
    }

    private static int ReadFrame(Stream stream, byte[] buffer)
    {
        stream.ReadExactly(buffer, 0, FrameHeader.Size);
        var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer);
        stream.ReadExactly(buffer, FrameHeader.Size, length);
        return FrameHeader.Size + length;
    }

    private void ServeLoop()
    {
        if (!_echo)
        {
            CountLoop(Server);
            return;
        }

        var buffer = new byte[FrameHeader.Size + (1 << 20)];
        try
        {
            while (true)
            {
                var size = ReadFrame(Server, buffer);
                Server.Write(buffer, 0, size);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // The benchmark is over.
        }
    }

    private void CountLoop(Stream stream)
    {
        var buffer = new byte[FrameHeader.Size + (1 << 20)];
        try
        {
            while (true)
            {
                ReadFrame(stream, buffer);
                if (Interlocked.Increment(ref _count) == Volatile.Read(ref _target))
                {
                    _received.Release();
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or EndOfStreamException)
        {
            // The benchmark is over.
        }
    }
}
