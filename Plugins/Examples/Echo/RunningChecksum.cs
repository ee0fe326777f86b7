using System.Buffers;
using System.Buffers.Binary;

namespace DistSys.Plugins.Examples.Echo;

/// <summary>
/// FNV-1a over every absorbed payload, in arrival order, and their count; "checksum" answers both as two
/// little-endian u64 so the node can compare them with what it sent.
/// </summary>
internal sealed class RunningChecksum
{
    private ulong _checksum = 14695981039346656037;
    private ulong _count;

    public void Absorb(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var checksum = _checksum;
        foreach (var b in input)
        {
            checksum = (checksum ^ b) * 1099511628211;
        }

        _checksum = checksum;
        _count++;
    }

    public void Report(ReadOnlySpan<byte> input, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(16);
        BinaryPrimitives.WriteUInt64LittleEndian(span, _checksum);
        BinaryPrimitives.WriteUInt64LittleEndian(span[8..], _count);
        output.Advance(16);
    }
}
