using System.Text.Json;
using DistSys.Host.Api.Security;
using DistSys.Host.Client;

namespace DistSys.Host.Cli;

/// <summary>
/// Runs a <see cref="PluginClientCommand"/> against a node's <c>/api/plugins</c> and prints the answer, in lines as the job
/// commands do or raw with <c>--json</c>; the API token comes from the command, else from <c>tokens</c> (the process's environment
/// and home by default).
/// </summary>
internal static partial class PluginClient
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static int Run(PluginClientCommand command, TextWriter stdout, TextWriter stderr, ApiTokenSource? tokens = null)
    {
        if (!ClientCredentials.TryFindToken(tokens ?? ApiTokenSource.FromProcess(), command.Tokens, stderr, out var token)
            || !ClientCredentials.TryLoadAuthorities(command.Tokens, stderr, out var authorities))
        {
            return ExitCodes.Usage;
        }

        using var http = ApiHttp.Create(command.Node, token, Timeout, authorities);
        try
        {
            using var response = Send(http, command).GetAwaiter().GetResult();
            if (response.StatusCode == System.Net.HttpStatusCode.Unauthorized)
            {
                stderr.WriteLine($"distributed_system: {ApiHttp.Unauthorized(command.Node, token)}");
                return ExitCodes.Failure;
            }

            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                stderr.WriteLine($"distributed_system: {(int)response.StatusCode} {body}");
                return ExitCodes.Failure;
            }

            // The master's stop answers each node's outcome; a single node's stop answers nothing, which --json prints as it is.
            if (!command.Json)
            {
                stdout.WriteLine(Lines(command, body));
            }
            else if (body.Length > 0)
            {
                stdout.WriteLine(body);
            }

            return ReportFailedNodes(body, stderr) ? ExitCodes.Failure : ExitCodes.Ok;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or DistSys.Plugins.PluginException)
        {
            stderr.WriteLine($"distributed_system: cannot read the plugin '{command.Path}': {error.Message}");
            return ExitCodes.Failure;
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            stderr.WriteLine($"distributed_system: node {command.Node} did not answer: {error.Message}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// A master answers 200 once its own change succeeded, with each worker's outcome in <c>nodes</c>; a
    /// script must still see a worker that failed, so each one is named on stderr and the exit code is 1.
    /// </summary>
    internal static bool ReportFailedNodes(string body, TextWriter stderr)
    {
        if (body.Length == 0)
        {
            return false;
        }

        using var document = JsonDocument.Parse(body);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("nodes", out var nodes))
        {
            return false;
        }

        var failed = false;
        foreach (var node in nodes.EnumerateArray())
        {
            if (node.TryGetProperty("ok", out var ok) && ok.ValueKind == JsonValueKind.False)
            {
                failed = true;
                stderr.WriteLine(
                    $"distributed_system: node {node.GetProperty("node").GetString()} failed: {Text(node, "error")} {Text(node, "detail")}".TrimEnd());
            }
        }

        return failed;
    }


    /// <summary>
    /// A deploy uploads the client's own file: the plugin's package (its folder for a .dll, else the file
    /// alone; docs/plugins.md), so the node runs nothing from a path on its disk.
    /// </summary>
    private static Task<HttpResponseMessage> Upload(HttpClient http, PluginClientCommand command)
    {
        var (package, entry) = DistSys.Plugins.Store.PluginPackage.Pack(command.Path!);
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        var query = $"name={Uri.EscapeDataString(command.Name!)}&version={Uri.EscapeDataString(command.Version!)}&entry={Uri.EscapeDataString(entry)}";
        return http.PostAsync($"api/plugins?{query}", content);
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, PluginClientCommand command)
    {
        var name = Uri.EscapeDataString(command.Name ?? string.Empty);
        return command.Action switch
        {
            PluginAction.List => http.GetAsync("api/plugins"),
            PluginAction.Deploy => Upload(http, command),
            PluginAction.Rollback => http.PostAsync($"api/plugins/{name}/rollback", content: null),
            _ => http.DeleteAsync($"api/plugins/{name}"),
        };
    }
}
