using System.Buffers;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Framing;

/// <summary>
/// A payload that knows its encoded size before it is written, so <see cref="FrameWriter"/> can write
/// the header and then the payload straight into the output without a temporary buffer. (Patching the
/// length afterwards is not possible in general: an <see cref="IBufferWriter{T}"/> may move or hand off
/// memory once it has been advanced.) Implement it on a struct: the generic call does not box.
/// </summary>
public interface IFramePayload
{
    /// <summary>Exact number of bytes <see cref="WritePayload"/> will write.</summary>
    int PayloadLength { get; }

    /// <summary>Writes exactly <see cref="PayloadLength"/> bytes.</summary>
    void WritePayload(ref WireWriter writer);
}
