namespace DistSys.Transport.Connections.Internal;

/// <summary>A claimed large-frame slot: where its ring record is and the array to write the frame into.</summary>
internal readonly struct LargeClaim
{
    public LargeClaim(int offset, Memory<byte> frame)
    {
        Offset = offset;
        Frame = frame;
    }

    public int Offset { get; }

    public Memory<byte> Frame { get; }
}
