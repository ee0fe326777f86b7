using System.IO.Pipelines;

namespace DistSys.Transport.Connections.Internal;

/// <summary>The one way a transport is let go: complete both directions, then release what owns the socket.</summary>
internal static class DuplexPipeClosing
{
    public static async ValueTask CloseAsync(this IDuplexPipe transport)
    {
        await transport.Input.CompleteAsync().ConfigureAwait(false);
        await transport.Output.CompleteAsync().ConfigureAwait(false);
        if (transport is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
