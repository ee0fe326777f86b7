using DistSys.Transport.Framing;
using DistSys.Transport.Serialization;

namespace DistSys.Transport.Tests.Serialization;

/// <summary>Runs a read against the same bytes as one segment, split at every offset, and one byte per segment.</summary>
internal static class WireReaderSplits
{
    public delegate void ReadAction(ref WireReader reader);

    public static void ForEachLayout(byte[] bytes, ReadAction read, TransportLimits? limits = null)
    {
        Run(Segments.Single(bytes));
        for (var offset = 0; offset <= bytes.Length; offset++)
        {
            Run(Segments.Split(bytes, offset));
        }

        Run(Segments.OneBytePerSegment(bytes));

        void Run(System.Buffers.ReadOnlySequence<byte> sequence)
        {
            var reader = new WireReader(sequence, limits ?? TransportLimits.Default);
            read(ref reader);
        }
    }

    public static ProtocolError ErrorOf(byte[] bytes, ReadAction read, TransportLimits? limits = null)
    {
        ProtocolError? error = null;
        ForEachLayout(bytes, (ref WireReader reader) =>
        {
            try
            {
                read(ref reader);
                Assert.Fail("expected a ProtocolException");
            }
            catch (ProtocolException ex)
            {
                Assert.That(error ?? ex.Error, Is.EqualTo(ex.Error), "same error in every layout");
                error = ex.Error;
            }
        }, limits);
        return error!.Value;
    }
}
