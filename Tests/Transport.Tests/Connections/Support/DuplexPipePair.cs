using System.IO.Pipelines;

namespace DistSys.Transport.Tests.Connections.Support;

/// <summary>Two in-memory duplex pipes wired back to back, for tests that control every byte.</summary>
internal static class DuplexPipePair
{
    public static (IDuplexPipe A, IDuplexPipe B) Create(PipeOptions? options = null)
    {
        var aToB = new Pipe(options ?? PipeOptions.Default);
        var bToA = new Pipe(options ?? PipeOptions.Default);
        return (new Duplex(bToA.Reader, aToB.Writer), new Duplex(aToB.Reader, bToA.Writer));
    }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
