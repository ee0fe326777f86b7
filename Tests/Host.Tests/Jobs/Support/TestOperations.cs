using System.Text.Json;
using DistSys.Host.Jobs.Operations;

namespace DistSys.Host.Tests.Jobs.Support;

/// <summary>Operations only tests use, added as plugin operations (the registry's open door).</summary>
internal static class TestOperations
{
    /// <summary><c>plugin:poison</c>: every attempt throws.</summary>
    public static IJobOperation Poison { get; } = new Delegating("plugin:poison", _ => throw new InvalidOperationException("poisoned partition"));

    /// <summary><c>plugin:flaky</c>: the first attempt of each task throws, later ones return the task's index.</summary>
    public static IJobOperation Flaky { get; } = new Delegating("plugin:flaky", input =>
        input.Attempt == 1 ? throw new IOException("transient") : input.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static void AddTo(OperationRegistry registry)
    {
        registry.AddPlugin(Poison);
        registry.AddPlugin(Flaky);
    }

    private sealed class Delegating(string name, Func<TaskInput, string> run) : IJobOperation
    {
        public string Name => name;

        public OperationInput Input => OperationInput.Numbers;

        public string Execute(TaskInput input, CancellationToken cancellation) => run(input);

        public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
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
