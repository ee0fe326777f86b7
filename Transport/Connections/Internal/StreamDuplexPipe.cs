using System.IO.Pipelines;

namespace DistSys.Transport.Connections.Internal;

/// <summary>
/// A stream (a TLS stream over the socket) seen as an <see cref="IDuplexPipe"/>, its buffers from the
/// connection pool. Disposing it disposes the stream, and with it the socket.
/// </summary>
internal sealed class StreamDuplexPipe : IDuplexPipe, IAsyncDisposable
{
    private readonly Stream _stream;

    public StreamDuplexPipe(Stream stream, ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        _stream = stream;
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(options.Pool, options.SegmentSize, minimumReadSize: 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(options.Pool, options.SegmentSize, leaveOpen: true));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }

    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}
