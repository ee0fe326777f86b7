using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;

namespace DistSys.Streams.Operators;

/// <summary>
/// <c>plugin:NAME</c>: the events of a batch go to the plugin's sandbox as one request (NDJSON lines) at the
/// batch's end; each line of its answer (zero or more JSON objects) is emitted. The instance awaits the answer
/// before it reads its next batch, so its senders' credit waits too (backpressure). A failed call, or an answer
/// line that is not a JSON object, throws <see cref="StreamPluginException"/>: the batch is replayed from the source.
/// Both buffers are kept and reused, so a steady stream of batches allocates nothing here.
/// </summary>
internal sealed class PluginOperator(IStreamPlugins plugins, string plugin, string? operation) : Operator
{
    private readonly ArrayBufferWriter<byte> _request = new();
    private readonly ArrayBufferWriter<byte> _response = new();
    private string? _operation;

    public override void OnEvent(ReadOnlySpan<byte> evt, EventOutput output)
    {
        var span = _request.GetSpan(evt.Length + 1);
        evt.CopyTo(span);
        span[evt.Length] = (byte)'\n';
        _request.Advance(evt.Length + 1);
    }

    public override ValueTask OnBatchEndAsync(EventOutput output) => _request.WrittenCount == 0 ? default : CallAsync(output);

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask CallAsync(EventOutput output)
    {
        _operation ??= await plugins.OperationAsync(plugin, operation).ConfigureAwait(false);
        _response.ResetWrittenCount();
        try
        {
            await plugins.InvokeAsync(plugin, _operation, _request.WrittenMemory, _response).ConfigureAwait(false);
        }
        finally
        {
            _request.ResetWrittenCount();
        }

        EmitAnswer(_response.WrittenSpan, output);
    }

    private void EmitAnswer(ReadOnlySpan<byte> answer, EventOutput output)
    {
        while (!answer.IsEmpty)
        {
            var end = answer.IndexOf((byte)'\n');
            var line = end < 0 ? answer : answer[..end];
            answer = end < 0 ? default : answer[(end + 1)..];
            if (line.IsEmpty)
            {
                continue;
            }

            if (!IsObject(line))
            {
                throw new StreamPluginException($"plugin {plugin} answered a line that is not a JSON object (each line of its answer must be one event)");
            }

            output.Emit(line);
        }
    }

    private static bool IsObject(ReadOnlySpan<byte> line)
    {
        if (line.Length > Topology.TopologyParser.MaxEventBytes)
        {
            return false;
        }

        var reader = new Utf8JsonReader(line);
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.StartObject && reader.TrySkip() && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
