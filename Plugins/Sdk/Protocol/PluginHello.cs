using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using DistSys.Transport.Framing;

namespace DistSys.Plugins.Sdk.Protocol;

/// <summary>
/// The plugin's first frame: who it is and what it offers. Operation i (from 0) is addressed by
/// target i + 1. Layout (every string is UTF-8 with a one-byte length):
/// <code>
///  | name | version | count u16 LE | { flags u8 (bit 0 = idempotent) | operation name } * count |
/// </code>
/// The node decodes it as hostile input: every length is checked against what remains.
/// </summary>
internal sealed record PluginHello(string Name, string Version, IReadOnlyList<HelloOperation> Operations)
{
    public const int MaxOperations = 256;
    public const int MaxNameBytes = 64;

    public static void ValidateName(string value, string parameter)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameter);
        if (value.Length > MaxNameBytes || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"'{value}' is not a name: use at most {MaxNameBytes} ASCII letters, digits, '-', '_' or '.'", parameter);
        }
    }

    public void Write(IBufferWriter<byte> output)
    {
        WriteString(output, Name);
        WriteString(output, Version);
        BinaryPrimitives.WriteUInt16LittleEndian(output.GetSpan(2), (ushort)Operations.Count);
        output.Advance(2);
        foreach (var op in Operations)
        {
            output.GetSpan(1)[0] = op.Idempotent ? (byte)1 : (byte)0;
            output.Advance(1);
            WriteString(output, op.Name);
        }
    }

    /// <exception cref="ProtocolException">The payload is not a well-formed hello.</exception>
    public static PluginHello Read(ReadOnlySpan<byte> payload)
    {
        var name = ReadString(ref payload);
        var version = ReadString(ref payload);
        if (payload.Length < 2)
        {
            ProtocolException.Throw(ProtocolError.Truncated, "plugin hello: no operation count");
        }

        var count = BinaryPrimitives.ReadUInt16LittleEndian(payload);
        payload = payload[2..];
        if (count > MaxOperations || count * 2 > payload.Length)
        {
            ProtocolException.Throw(ProtocolError.Malformed, $"plugin hello: {count} operations cannot fit in {payload.Length} bytes (at most {MaxOperations})");
        }

        var operations = new HelloOperation[count];
        for (var i = 0; i < count; i++)
        {
            // The count check above allows two bytes per operation; longer names before this one may have used them.
            if (payload.IsEmpty)
            {
                ProtocolException.Throw(ProtocolError.Truncated, $"plugin hello: operation {i} of {count} is missing");
            }

            var flags = payload[0];
            payload = payload[1..];
            if (flags > 1)
            {
                ProtocolException.Throw(ProtocolError.Malformed, $"plugin hello: unknown operation flags 0x{flags:X2}");
            }

            operations[i] = new HelloOperation(ReadString(ref payload), flags == 1);
        }

        if (!payload.IsEmpty)
        {
            ProtocolException.Throw(ProtocolError.Malformed, $"plugin hello: {payload.Length} bytes after the last operation");
        }

        return new PluginHello(name, version, operations);
    }

    private static void WriteString(IBufferWriter<byte> output, string value)
    {
        var span = output.GetSpan(1 + MaxNameBytes);
        var length = Encoding.UTF8.GetBytes(value, span[1..]);
        span[0] = (byte)length;
        output.Advance(1 + length);
    }

    private static string ReadString(ref ReadOnlySpan<byte> payload)
    {
        if (payload.IsEmpty || payload[0] == 0 || payload[0] > MaxNameBytes || payload[0] >= payload.Length)
        {
            ProtocolException.Throw(ProtocolError.Malformed, "plugin hello: a name is empty, longer than 64 bytes or runs past the payload");
        }

        var value = Encoding.ASCII.GetString(payload.Slice(1, payload[0]));
        payload = payload[(1 + payload[0])..];
        try
        {
            ValidateName(value, "name");
        }
        catch (ArgumentException error)
        {
            ProtocolException.Throw(ProtocolError.Malformed, $"plugin hello: {error.Message}");
        }

        return value;
    }
}
