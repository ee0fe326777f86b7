using System.Net.Sockets;

namespace DistSys.Transport.Connections.Internal;

internal sealed partial class SocketDuplexPipe
{
    private async Task ReceiveLoopAsync()
    {
        await Task.Yield();
        var writer = _input.Writer;
        Exception? error = null;
        try
        {
            while (true)
            {
                var memory = writer.GetMemory(_segmentSize);
                var received = await _socket.ReceiveAsync(memory, SocketFlags.None).ConfigureAwait(false);
                if (received == 0)
                {
                    break;
                }

                writer.Advance(received);
                var flush = await writer.FlushAsync().ConfigureAwait(false);
                if (flush.IsCompleted || flush.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            // A reset or an abort is how connections end; the reader sees the end of the stream and
            // decides from what is left whether that was clean or mid-frame.
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            await writer.CompleteAsync(error).ConfigureAwait(false);
        }
    }

    private async Task SendLoopAsync()
    {
        await Task.Yield();
        var reader = _output.Reader;
        Exception? error = null;
        try
        {
            while (true)
            {
                var result = await reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                try
                {
                    foreach (var segment in buffer)
                    {
                        await SendAllAsync(segment).ConfigureAwait(false);
                    }
                }
                finally
                {
                    reader.AdvanceTo(buffer.End);
                }

                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }

            _socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (IsExpected(ex))
        {
            // The peer went away while we were writing; the read side reports how the connection ended.
        }
        catch (Exception ex)
        {
            error = ex;
        }
        finally
        {
            await reader.CompleteAsync(error).ConfigureAwait(false);

            // Our writer finished: nothing more will be read either once the input completes, so
            // releasing the socket here unblocks a receive still waiting on a silent peer.
            _socket.Dispose();
        }
    }

    private async ValueTask SendAllAsync(ReadOnlyMemory<byte> segment)
    {
        while (!segment.IsEmpty)
        {
            var sent = await _socket.SendAsync(segment, SocketFlags.None).ConfigureAwait(false);
            segment = segment[sent..];
        }
    }

    private static bool IsExpected(Exception ex) =>
        ex is SocketException or ObjectDisposedException or OperationCanceledException;
}
