namespace DistSys.Host.Jobs.Messages;

/// <summary>The job service's messages that cross nodes, for the host to register with the cluster's message types.</summary>
internal static class JobMessages
{
    /// <summary>Every wire type with its stable tag (tags 700-719 are the job service's).</summary>
    public static IReadOnlyList<(Type Type, int Tag)> WireTypes { get; } =
    [
        (typeof(ExecutorHello), 700),
        (typeof(ExecutorLoad), 701),
        (typeof(AssignTask), 702),
        (typeof(CancelTask), 703),
        (typeof(TaskFinished), 704),
    ];
}
