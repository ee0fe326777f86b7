using DistSys.Jobs.Execution;
using DistSys.Runtime;
using DistSys.Supervision;

namespace DistSys.Jobs;

/// <summary>The job service on a worker: the executor's child spec for the node's supervisor, and its status for <c>GET /api/status</c>.</summary>
internal sealed class JobWorker(ExecutorOptions options)
{
    public const string ChildId = "job_executor";

    public ExecutorOptions Options { get; } = options;

    public ExecutorStatus Status { get; } = new();

    /// <summary>The executor; permanent, so a crashed executor comes back and says hello again.</summary>
    public ChildSpec ExecutorSpec => ChildSpec.Worker(ChildId, () => new ExecutorProcess(Options, Status));

    /// <summary>An executor that finds the scheduler on its own node (one process, no cluster: tests and benchmarks).</summary>
    public static ExecutorOptions Local(ProcessRuntime runtime, string node, int maxTasks, JobServiceOptions service) =>
        new(node, maxTasks, service.Operations, () => Task.FromResult<Pid?>(runtime.Whereis(Scheduling.SchedulerProcess.Name)))
        {
            LoadInterval = service.LoadInterval,
        };
}
