namespace DistSys.Host.Cli;

/// <summary><c>completion bash</c>: print the bash completion script (<see cref="Spec.BashCompletion"/>); bash is the one shell supported.</summary>
internal sealed record CompletionCommand : Command
{
    public static Command Parse(IReadOnlyList<string> args) =>
        args is [_, "bash"] ? new CompletionCommand() : new UsageError("completion takes bash, the one shell supported: completion bash");
}
