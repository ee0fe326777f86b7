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
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

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

        using var api = new JobClient(client.Master, token, authorities);
        try
        {
            return client.Verb switch
            {
                ClientVerb.Submit => await SubmitAsync(api, client, stdout).ConfigureAwait(false),
                ClientVerb.Status => Print(stdout, client, await api.JobAsync(client.Argument!).ConfigureAwait(false), JobLine),
                ClientVerb.Wait => await WaitAsync(api, client, stdout, interactive).ConfigureAwait(false),
                ClientVerb.Results => await ResultsAsync(api, client, stdout).ConfigureAwait(false),
                ClientVerb.List => Print(stdout, client, await api.ListAsync().ConfigureAwait(false), ListLines),
                ClientVerb.Cancel => Print(stdout, client, await api.CancelAsync(client.Argument!).ConfigureAwait(false), JobLine),
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
        JsonElement? config = null;
        if (client.Config is { } text)
        {
            try
            {
                config = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new ClientException($"CONFIG_JSON is not valid JSON: {ex.Message}");
            }
        }

        var job = await api.SubmitAsync(client.Argument!, config).ConfigureAwait(false);
        return Print(stdout, client, job, j =>
            $"submitted {j.GetProperty("job_id").GetString()}: {j.GetProperty("name").GetString()} " +
            $"({j.GetProperty("operation").GetString()}, {j.GetProperty("progress").GetProperty("total").GetInt32()} tasks)");
    }

    private static async Task<int> ResultsAsync(JobClient api, ClientCommand client, TextWriter stdout)
    {
        var results = await api.ResultsAsync(client.Argument!).ConfigureAwait(false);
        var text = client.Json ? results.GetRawText() : JsonSerializer.Serialize(results.GetProperty("result"), s_indented);
        if (client.OutFile is { } path)
        {
            try
            {
                await File.WriteAllTextAsync(path, text + Environment.NewLine).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new ClientException($"cannot write {path}: {ex.Message}");
            }

            await stdout.WriteLineAsync($"wrote the results of {client.Argument} to {path}").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await stdout.WriteLineAsync(text).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static int Print(TextWriter stdout, ClientCommand client, JsonElement body, Func<JsonElement, string> human)
    {
        stdout.WriteLine(client.Json ? body.GetRawText() : human(body));
        return ExitCodes.Ok;
    }
}
