using System.Text;
using System.Text.Json;
using DistSys.Host.Jobs.Operations;
using DistSys.Plugins;

namespace DistSys.Host.Plugins;

/// <summary>
/// <c>plugin:NAME</c>: a batch job operation that runs each partition's text through operation
/// <paramref name="operation"/> of plugin <paramref name="plugin"/> in its sandbox, on the version
/// active when the task runs (a hot swap mid-job switches the remaining tasks). A partition's result
/// records which version produced it: <c>{"version","output"}</c>; the job's result is those objects in
/// partition order. An instance that dies mid-task fails the attempt (the job service retries it).
/// </summary>
internal sealed class PluginJobOperation(PluginManager manager, string plugin, string operation) : IJobOperation
{
    public string Name => OperationRegistry.PluginPrefix + plugin;

    public OperationInput Input => OperationInput.Text;

    public string Execute(TaskInput input, CancellationToken cancellation)
    {
        var reply = manager.InvokeAsync(plugin, operation, Encoding.UTF8.GetBytes(input.Text ?? string.Empty))
            .WaitAsync(cancellation).GetAwaiter().GetResult();
        return JsonText.Write(reply, static (writer, value) =>
        {
            writer.WriteStartObject();
            writer.WriteString("version", value.Version);
            writer.WriteString("output", Encoding.UTF8.GetString(value.Body));
            writer.WriteEndObject();
        });
    }

    public void Combine(IReadOnlyList<string> partitions, Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartArray();
        foreach (var partition in partitions)
        {
            using var document = JsonDocument.Parse(partition);
            document.RootElement.WriteTo(writer);
        }

        writer.WriteEndArray();
    }
}
