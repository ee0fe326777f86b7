namespace DistSys.Jobs;

/// <summary>A job's state; the API spells them in lower case.</summary>
internal enum JobStatus
{
    Pending,
    Running,
    Completed,
    Failed,
    Cancelled,
}

internal static class JobStatusNames
{
    public static string Name(this JobStatus status) => status switch
    {
        JobStatus.Pending => "pending",
        JobStatus.Running => "running",
        JobStatus.Completed => "completed",
        JobStatus.Failed => "failed",
        _ => "cancelled",
    };

    public static bool TryParse(string name, out JobStatus status)
    {
        foreach (var candidate in Enum.GetValues<JobStatus>())
        {
            if (candidate.Name() == name)
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }

    public static bool IsTerminal(this JobStatus status) => status is JobStatus.Completed or JobStatus.Failed or JobStatus.Cancelled;
}
