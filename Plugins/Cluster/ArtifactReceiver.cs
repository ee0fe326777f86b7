using DistSys.Plugins.Store;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// A worker's side of the master's package distribution: assembles one package at a time from its
/// chunks (in order, bounded by the store's size cap), checks its sha256, then adds it to the store.
/// Used only by the control process, one message at a time.
/// </summary>
internal sealed class ArtifactReceiver(string node, PluginStore store)
{
    private string? _sha;
    private byte[]? _buffer;
    private long _received;

    public PluginNodeOutcome Receive(PluginArtifactChunk chunk)
    {
        if (!PluginStore.IsSha256(chunk.Sha256) || chunk.Length is <= 0 or > PluginStore.MaxArtifactBytes
            || chunk.Data is null || chunk.Data.Length is 0 or > PluginArtifactChunk.MaxBytes)
        {
            return Refused("the chunk's sha256, length or size is out of bounds");
        }

        if (chunk.Offset == 0)
        {
            (_sha, _buffer, _received) = (chunk.Sha256, new byte[chunk.Length], 0);
        }

        if (_sha != chunk.Sha256 || _buffer!.LongLength != chunk.Length || chunk.Offset != _received || _received + chunk.Data.Length > chunk.Length)
        {
            Reset();
            return Refused("the chunk does not continue the package being received");
        }

        chunk.Data.CopyTo(_buffer, _received);
        _received += chunk.Data.Length;
        if (_received < chunk.Length)
        {
            return new(node, true);
        }

        var package = _buffer;
        Reset();
        if (PluginStore.Sha256Of(package) != chunk.Sha256)
        {
            return Refused("the package's sha256 does not match its address");
        }

        try
        {
            store.Add(package);
            return new(node, true);
        }
        catch (PluginException invalid)
        {
            return Refused(invalid.Message);
        }
    }

    private void Reset() => (_sha, _buffer, _received) = (null, null, 0);

    private PluginNodeOutcome Refused(string detail) => new(node, false, "invalid_artifact", $"node {node}: {detail}");
}
