using System.Text;

namespace DistSys.Runtime.Distribution.Internal;

/// <summary>
/// A node's id is a stable 31-bit hash of its name (FNV-1a over the UTF-8 bytes), so every node computes
/// the same id for a name without asking anyone, and a pid carries its node in 4 bytes. Never 0 (the
/// standalone node). Two names with the same id are refused when the second joins.
/// </summary>
internal static class NodeIds
{
    public static int Of(string name)
    {
        var hash = 2166136261u;
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(name) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(name, buffer)] : Encoding.UTF8.GetBytes(name);
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 16777619u;
        }

        var id = (int)(hash & 0x7FFF_FFFF);
        return id == 0 ? 1 : id;
    }
}
