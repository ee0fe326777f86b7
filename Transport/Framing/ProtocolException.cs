using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DistSys.Transport.Framing;

/// <summary>
/// A peer sent bytes that violate the protocol. It closes that one connection (with
/// <see cref="Error"/> logged and counted); it never means this node is broken.
/// </summary>
public sealed class ProtocolException : Exception
{
    /// <summary>Creates the exception for one violation.</summary>
    public ProtocolException(ProtocolError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>The kind of violation, for logs and counters.</summary>
    public ProtocolError Error { get; }

    /// <summary>Throw helper that keeps the callers' hot paths small.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(ProtocolError error, string message) => throw new ProtocolException(error, message);
}
