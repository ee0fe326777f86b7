using System.IO.Pipelines;
using System.Net.Sockets;

namespace DistSys.Transport.Connections.Internal;

/// <summary>
/// A socket seen as an <see cref="IDuplexPipe"/>, Kestrel style: a receive loop fills the input pipe
/// and a send loop drains the output pipe, both over pool segments. The input pipe's pause threshold
/// stops reading from the socket when our reader falls behind, so TCP flow control pushes back on the
/// peer; the output pipe's threshold pauses our writer loop when the peer does not read.
/// </summary>
internal sealed partial class SocketDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    // How long disposal lets the send loop push out what a graceful close left in the pipe before the
    // socket is aborted; a peer that stops reading cannot hold a closing connection longer than this.
    private static readonly TimeSpan s_closeGrace = TimeSpan.FromSeconds(2);

    private readonly Socket _socket;
    private readonly Pipe _input;
    private readonly Pipe _output;
    private readonly int _segmentSize;
    private Task _receiving = Task.CompletedTask;
    private Task _sending = Task.CompletedTask;
    private int _disposed;

    public SocketDuplexPipe(Socket socket, ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(socket);
        ArgumentNullException.ThrowIfNull(options);
        _socket = socket;
        _socket.NoDelay = true;
        _segmentSize = options.SegmentSize;
        _input = new Pipe(new PipeOptions(
            options.Pool,
            pauseWriterThreshold: options.PauseWriterThreshold,
            resumeWriterThreshold: options.ResumeWriterThreshold,
            minimumSegmentSize: options.SegmentSize,
            useSynchronizationContext: false));
        _output = new Pipe(new PipeOptions(
            options.Pool,
            pauseWriterThreshold: options.PauseWriterThreshold,
            resumeWriterThreshold: options.ResumeWriterThreshold,
            minimumSegmentSize: options.SegmentSize,
            useSynchronizationContext: false));
    }

    public PipeReader Input => _input.Reader;

    public PipeWriter Output => _output.Writer;

    public System.Net.EndPoint? RemoteEndPoint => _socket.RemoteEndPoint;

    /// <summary>Starts the receive and send loops.</summary>
    public SocketDuplexPipe Start()
    {
        _receiving = ReceiveLoopAsync();
        _sending = SendLoopAsync();
        return this;
    }

    /// <summary>
    /// Lets the send loop finish what was written (bounded by a grace period), then aborts the socket
    /// and waits for both loops.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _output.Writer.CompleteAsync().ConfigureAwait(false);
        await _sending.WaitAsync(s_closeGrace).ContinueWith(static _ => { }, TaskScheduler.Default).ConfigureAwait(false);
        _socket.Dispose();
        _input.Writer.CancelPendingFlush();
        _output.Reader.CancelPendingRead();
        await Task.WhenAll(_receiving, _sending).ConfigureAwait(false);
    }
}
