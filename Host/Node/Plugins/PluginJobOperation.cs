using System.Buffers;
using System.Text;
using System.Text.Json;
using DistSys.Jobs;
using DistSys.Jobs.Operations;
using DistSys.Plugins;

namespace DistSys.Host.Plugins;

/// <summary>
/// <c>plugin:NAME</c>: a batch job operation that runs each partition's text through operation
/// <paramref name="operation"/> of plugin <paramref name="plugin"/> in its sandbox, on the version
/// active when the task runs (a hot swap mid-job switches the remaining tasks). A partition's result
/// records which version produced it: <c>{"version","output"}</c>; the job's result is those objects in
/// partition order. An instance that dies mid-task fails the attempt (the job service retries it).
/// <c>plugin:NAME@VERSION</c> pins a version: an attempt that finds another version serving fails with
/// an error naming both, and is retried like any failed attempt.
/// </summary>
internal sealed class PluginJobOperation(PluginManager manager, string plugin, string operation, string? version = null) : IVersionedOperation
{
    /// <summary>What a job's <c>operation</c> puts before a plugin's name, so plugins and built-ins never share a name.</summary>
    public const string Prefix = "plugin:";

    public string Name => Prefix + plugin + (version is null ? string.Empty : "@" + version);

    public OperationInput Input => OperationInput.Text;

    public IJobOperation WithVersion(string pinned) => new PluginJobOperation(manager, plugin, operation, pinned);

    // The call only awaits the plugin's reply on its ring: no thread waits for it.
    public TaskPlacement PlaceFor(TaskInput input) => TaskPlacement.Inline;

    public async ValueTask<string> ExecuteAsync(TaskInput input, CancellationToken cancellation)
    {
        if (version is not null && manager.List().FirstOrDefault(p => p.Name == plugin)?.Version is { } active && active != version)
        {
            throw new InvalidOperationException($"plugin {plugin} serves version {active}; the job asked for version {version}");
        }

        var reply = await manager.InvokeAsync(plugin, operation, await RequestAsync(input, cancellation).ConfigureAwait(false))
            .WaitAsync(cancellation).ConfigureAwait(false);
        if (version is not null && reply.Version != version)
        {
            // A swap between the check and the call: the answer came from the wrong version.
            throw new InvalidOperationException($"plugin {plugin} answered with version {reply.Version}; the job asked for version {version}");
        }

        return JsonText.Write(reply, static (writer, value) =>
        {
            writer.WriteStartObject();
            writer.WriteString("version", value.Version);
            writer.WriteString("output", Encoding.UTF8.GetString(value.Body));
            writer.WriteEndObject();
        });
    }

    /// <summary>The partition's text as the plugin receives it: inline text as given, a file slice's lines joined by LF.</summary>
    private static async ValueTask<byte[]> RequestAsync(TaskInput input, CancellationToken cancellation)
    {
        if (input.Slice is null)
        {
            return Encoding.UTF8.GetBytes(input.Text ?? string.Empty);
        }

        var text = new ArrayBufferWriter<byte>();
        await input.ForEachLineAsync((_, line) =>
        {
            if (text.WrittenCount + line.Length + 1 > JobConfig.MaxTextChars)
            {
                throw new InvalidDataException($"{input.Slice.Name}: the slice is larger than a plugin request takes ({JobConfig.MaxTextChars} bytes); give a larger task_count");
            }

            text.Write(line);
            text.Write("\n"u8);
        }, cancellation).ConfigureAwait(false);
        return text.WrittenSpan.ToArray();
    }

    public bool ResultIsItsParts => true;

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
