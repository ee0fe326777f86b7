namespace DistSys.Transport.SharedMemory;

/// <summary>What a ring end waits for; implemented by the reader (data) and the writer (space).</summary>
internal interface IRingCondition
{
    /// <summary>Re-reads the peer's index and says whether the wait is over.</summary>
    bool IsReady();
}
