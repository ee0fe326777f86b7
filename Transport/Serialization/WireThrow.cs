using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Transport.Framing;

namespace DistSys.Transport.Serialization;

/// <summary>Throw helpers for decoding, kept out of line so the readers' hot paths stay small.</summary>
internal static class WireThrow
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Truncated() => ProtocolException.Throw(ProtocolError.Truncated, "message ends before its last field");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Malformed(string message) => ProtocolException.Throw(ProtocolError.Malformed, message);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BadVarint(string message) => ProtocolException.Throw(ProtocolError.BadVarint, message);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void BadString(string message) => ProtocolException.Throw(ProtocolError.BadString, message);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ListTooLong(ulong count, int max) =>
        ProtocolException.Throw(ProtocolError.ListTooLong, $"list declares {count} elements: above the maximum {max} or the bytes remaining");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void TooLong(ProtocolError error, ulong length, int max) =>
        ProtocolException.Throw(error, $"field declares {length} bytes, maximum is {max}");
}
