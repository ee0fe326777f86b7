using DistSys.Runtime.Distribution;

namespace DistSys.Jobs.Messages;

/// <summary>The job service's messages that cross nodes (tags 700-719 are the job service's).</summary>
internal static class JobMessages
{
    /// <summary>Allows the job messages on the wire; every node registers them under the same tags.</summary>
    public static void Register(MessageTypes types)
    {
        types.Register<ExecutorHello>(700);
        types.Register<ExecutorLoad>(701);
        types.Register<AssignTasks>(702);
        types.Register<CancelTask>(703);
        types.Register<TasksFinished>(704);
        types.Register<ReadInput>(705);
        types.Register<InputChunk>(706);
        types.Register<ReadBucket>(707);
        types.Register<DropShuffle>(708);
        types.Register<ShuffleSource>(709);
        types.Register<ReadOutput>(710);
        types.Register<TaskStarted>(711);
    }
}
