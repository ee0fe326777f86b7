using System.Buffers;
using System.Text;
using System.Text.Json;
using DistSys.Host.Client;
using DistSys.Host.Api.Security;

namespace DistSys.Host.Cli;

/// <summary>
/// Runs one client command against the master's REST API and returns the exit code: 0 done,
/// 1 failure (one line on stderr), 2 usage, 124 a wait that timed out.
/// </summary>
internal static partial class ClientRunner
{
    public static async Task<int> RunAsync(Command command, TextWriter stdout, TextWriter stderr, bool interactive, ApiTokenSource? tokens = null)
    {
        if (command is ClientUsageError usage)
        {
            await stderr.WriteLineAsync($"distributed_system: {usage.Message}").ConfigureAwait(false);
            await stderr.WriteLineAsync(ClientCommandLine.Usage).ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var client = (ClientCommand)command;
        if (!ClientCredentials.TryFindToken(tokens ?? ApiTokenSource.FromProcess(), client.Tokens, stderr, out var token)
            || !ClientCredentials.TryLoadAuthorities(client.Tokens, stderr, out var authorities))
        {
            return ExitCodes.Usage;
        }

        using var api = new JobClient([client.Master, .. client.OtherMasters], token, authorities);
        try
        {
            return client.Verb switch
            {
                ClientVerb.Submit => await SubmitAsync(api, client, stdout).ConfigureAwait(false),
                ClientVerb.Status => Print(stdout, client, await api.JobAsync(client.Argument!).ConfigureAwait(false), JobLine),
                ClientVerb.Tail => await TailAsync(api, client, stdout).ConfigureAwait(false),
                ClientVerb.Wait => await WaitAsync(api, client, stdout, interactive).ConfigureAwait(false),
                ClientVerb.Results => await ResultsAsync(api, client, stdout, interactive).ConfigureAwait(false),
                ClientVerb.List => Print(stdout, client, await api.ListAsync().ConfigureAwait(false), ListLines),
                ClientVerb.Cancel => Print(stdout, client, await api.CancelAsync(client.Argument!).ConfigureAwait(false), JobLine),
                ClientVerb.Retry => Print(stdout, client, await api.RetryAsync(client.Argument!).ConfigureAwait(false), JobLine),
                ClientVerb.Masters => Print(stdout, client, await api.StatusAsync().ConfigureAwait(false), s => MasterLines(s, DateTimeOffset.UtcNow)),
                _ => Print(stdout, client, await api.WorkersAsync().ConfigureAwait(false), WorkerLines),
            };
        }
        catch (ClientException ex)
        {
            await stderr.WriteLineAsync($"distributed_system: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Failure;
        }
    }

    private static async Task<int> SubmitAsync(JobClient api, ClientCommand client, TextWriter stdout)
    {
        var config = client.Config is { } text ? ReadConfig(text, client.Type) : (JsonElement?)null;
        var job = await api.SubmitAsync(client.Argument!, config, client.Type).ConfigureAwait(false);
        return Print(stdout, client, job, j => client.Type == "streaming"
            ? $"submitted {j.GetProperty("job_id").GetString()}: {j.GetProperty("name").GetString()} (streaming, {j.GetProperty("status").GetString()})"
            : $"submitted {j.GetProperty("job_id").GetString()}: {j.GetProperty("name").GetString()} " +
              $"({j.GetProperty("operation").GetString()}, {j.GetProperty("progress").GetProperty("total").GetInt32()} tasks)");
    }

    private static async Task<int> ResultsAsync(JobClient api, ClientCommand client, TextWriter stdout, bool interactive)
    {
        if (client.OutFile is { } path)
        {
            // Streamed as NDJSON, part after part, so a result of any size goes to the file without passing through memory.
            long bytes;
            try
            {
                await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                var shown = 0L;
                bytes = await api.DownloadResultsAsync(client.Argument!, file, total =>
                {
                    if (interactive && total - shown >= 1 << 20)
                    {
                        shown = total;
                        stdout.Write($"\r  {Megabytes(total)} written to {path}");
                    }
                }).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ClientException($"cannot write {path}: {ex.Message}");
            }

            await stdout.WriteLineAsync($"{(interactive ? "\r" : "")}wrote the results of {client.Argument} to {path} ({Megabytes(bytes)}, NDJSON)").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        var results = await api.ResultsAsync(client.Argument!).ConfigureAwait(false);
        var text = client.Json ? results.GetRawText() : Indented(results.GetProperty("result"));
        await stdout.WriteLineAsync(text).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static string Megabytes(long bytes) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    private static int Print(TextWriter stdout, ClientCommand client, JsonElement body, Func<JsonElement, string> human)
    {
        stdout.WriteLine(client.Json ? body.GetRawText() : human(body));
        return ExitCodes.Ok;
    }

    /// <summary>The element written out indented by a Utf8JsonWriter: no reflection-based serializer, so trim- and AOT-safe.</summary>
    private static string Indented(JsonElement element)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            element.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
