using System.Text.Json;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Tests.Support;

/// <summary>Operations only tests use, added at run time as a plugin bridge would add them.</summary>
internal static class TestOperations
{
    /// <summary><c>plugin:poison</c>: every attempt throws.</summary>
    public static IJobOperation Poison { get; } = new Delegating("plugin:poison", _ => throw new InvalidOperationException("poisoned partition"));

    /// <summary><c>plugin:flaky</c>: the first attempt of each task throws, later ones return the task's index.</summary>
    public static IJobOperation Flaky { get; } = new Delegating("plugin:flaky", input =>
        input.Attempt == 1 ? throw new IOException("transient") : input.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary><c>plugin:hang-once</c>: the first attempt of each task hangs until it is cancelled, later ones return the task's index.</summary>
    public static IJobOperation HangOnce { get; } = new Hanging("plugin:hang-once", null);

    /// <summary>An operation named <paramref name="name"/> that returns its task's index.</summary>
    public static IJobOperation Named(string name) =>
        new Delegating(name, input => input.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void AddTo(OperationRegistry registry)
    {
        registry.Add(Poison);
        registry.Add(Flaky);
        registry.Add(HangOnce);
    }

    /// <summary>A generous liveness bound for a hanging attempt, so a broken cancel cannot hang the test run.</summary>
    private static readonly TimeSpan s_hangLimit = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Attempt 1 hangs until cancelled; later attempts wait for <paramref name="gate"/> (when given)
    /// and return the task's index. Both waits are asynchronous, so the executor starts it in its turn.
    /// </summary>
    internal sealed class Hanging(string name, Task? gate) : IJobOperation
    {
        public string Name => name;

        public OperationInput Input => OperationInput.None;

        public TaskPlacement PlaceFor(TaskInput input) => TaskPlacement.Inline;

        public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation)
        {
            if (input.Attempt == 1)
            {
                await Task.Delay(s_hangLimit, cancellation).ConfigureAwait(false);
                throw new TimeoutException("the hanging attempt was never cancelled");
            }

            if (gate is not null)
            {
                await gate.WaitAsync(s_hangLimit, cancellation).ConfigureAwait(false);
            }

            return input.Index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer) => Delegating.WriteStrings(partitions, writer);
    }

    private sealed class Delegating(string name, Func<TaskInput, string> run) : IJobOperation
    {
        public string Name => name;

        public OperationInput Input => OperationInput.Numbers;

        public TaskPlacement PlaceFor(TaskInput input) => TaskPlacement.Inline;

        public ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation) => ValueTask.FromResult(run(input));

        public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer) => WriteStrings(partitions, writer);

        public static void WriteStrings(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
        {
            writer.WriteStartArray();
            foreach (var partition in partitions)
            {
                writer.WriteStringValue(partition);
            }

            writer.WriteEndArray();
        }
    }
}
