using System.Buffers;
using System.Security.Cryptography;

namespace DistSys.Transport.Handshake;

/// <summary>
/// A running SHA-256 over the handshake bytes exactly as they crossed the wire (preambles and frames,
/// headers included), so the proofs bind everything either side said, not the fields we chose to parse.
/// </summary>
internal sealed class HandshakeTranscript : IDisposable
{
    public const int HashSize = 32;

    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public void Append(ReadOnlySpan<byte> bytes) => _hash.AppendData(bytes);

    public void Append(in ReadOnlySequence<byte> bytes)
    {
        foreach (var segment in bytes)
        {
            _hash.AppendData(segment.Span);
        }
    }

    /// <summary>The hash of everything appended so far; the transcript goes on.</summary>
    public void CurrentHash(Span<byte> destination) => _hash.GetCurrentHash(destination);

    public void Dispose() => _hash.Dispose();
}
