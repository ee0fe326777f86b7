using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DistSys.Host.Api.Security;
using DistSys.Host.Client;
using DistSys.Host.Processes;

namespace DistSys.Host.Cli;

/// <summary>
/// Runs <see cref="TopCommand"/>: reads GET /api/processes/top once a second and redraws the screen
/// (<see cref="TopScreen"/>), re-ranking when a key asks (m mailbox, h handled, b memory; q quits); with
/// <c>--once</c> one answer, as lines or as the node's JSON. The token is found as the client's is.
/// </summary>
internal static class TopRunner
{
    private const string ClearScreen = "\u001b[H\u001b[2J";
    private static readonly TimeSpan s_requestTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan s_keyPoll = TimeSpan.FromMilliseconds(50);

    /// <param name="command">What to show.</param>
    /// <param name="stdout">Where frames go.</param>
    /// <param name="stderr">Where errors go.</param>
    /// <param name="readKey">The next key pressed, or null when none is waiting (the console's, or a test's script).</param>
    /// <param name="ansi">Whether each frame clears the terminal first.</param>
    /// <param name="interval">Time between two reads.</param>
    /// <param name="cancel">Ctrl-C.</param>
    /// <param name="tokens">Where the token is looked for (the process's environment and home by default).</param>
    public static async Task<int> RunAsync(TopCommand command, TextWriter stdout, TextWriter stderr, Func<char?> readKey, bool ansi,
        TimeSpan interval, CancellationToken cancel, ApiTokenSource? tokens = null)
    {
        if (!ClientCredentials.TryFindToken(tokens ?? ApiTokenSource.FromProcess(), command.Tokens, stderr, out var token)
            || !ClientCredentials.TryLoadAuthorities(command.Tokens, stderr, out var authorities))
        {
            return ExitCodes.Usage;
        }

        using var http = ApiHttp.Create(command.Node, token, s_requestTimeout, authorities);
        var sort = command.By;
        (long Handled, long At)? previous = null;
        while (!cancel.IsCancellationRequested)
        {
            var (body, failure) = await FetchAsync(http, command, sort, token, cancel).ConfigureAwait(false);
            if (failure is not null)
            {
                await stderr.WriteLineAsync($"distributed_system: {failure}").ConfigureAwait(false);
                return ExitCodes.Failure;
            }

            if (command.Json)
            {
                await stdout.WriteLineAsync(body).ConfigureAwait(false);
                return ExitCodes.Ok;
            }

            var view = JsonSerializer.Deserialize(body!, ProcessJsonContext.Default.TopView)!;
            var now = Stopwatch.GetTimestamp();
            double? rate = previous is { } p ? (view.Stats.MessagesHandled - p.Handled) / Math.Max(1e-3, Stopwatch.GetElapsedTime(p.At, now).TotalSeconds) : null;
            previous = (view.Stats.MessagesHandled, now);
            await stdout.WriteAsync((ansi ? ClearScreen : "") + TopScreen.Render(view, rate, interactive: !command.Once)).ConfigureAwait(false);
            if (command.Once)
            {
                return ExitCodes.Ok;
            }

            switch (await WaitForKeyAsync(readKey, interval, cancel).ConfigureAwait(false))
            {
                case 'q' or 'Q':
                    return ExitCodes.Ok;
                case 'm' or 'M':
                    sort = TopSort.Mailbox;
                    break;
                case 'h' or 'H':
                    sort = TopSort.Handled;
                    break;
                case 'b' or 'B':
                    sort = TopSort.Memory;
                    break;
            }
        }

        return ExitCodes.Ok;
    }

    private static async Task<(string? Body, string? Failure)> FetchAsync(HttpClient http, TopCommand command, TopSort sort, ApiToken? token, CancellationToken cancel)
    {
        try
        {
            using var response = await http.GetAsync($"api/processes/top?by={TopCommand.NameOf(sort)}&n={command.Limit}", cancel).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancel).ConfigureAwait(false);
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized => (null, ApiHttp.Unauthorized(command.Node, token)),
                _ when !response.IsSuccessStatusCode => (null, $"{(int)response.StatusCode} {body}"),
                _ => (body, null),
            };
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException && !cancel.IsCancellationRequested)
        {
            return (null, $"node {command.Node} did not answer: {error.Message}");
        }
    }

    /// <summary>The first key pressed within <paramref name="interval"/>, or null when it passed (or Ctrl-C) without one.</summary>
    private static async Task<char?> WaitForKeyAsync(Func<char?> readKey, TimeSpan interval, CancellationToken cancel)
    {
        var until = Stopwatch.GetTimestamp() + (long)(interval.TotalSeconds * Stopwatch.Frequency);
        while (!cancel.IsCancellationRequested)
        {
            if (readKey() is { } key)
            {
                return key;
            }

            if (Stopwatch.GetTimestamp() >= until)
            {
                return null;
            }

            try
            {
                await Task.Delay(s_keyPoll, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return null;
            }
        }

        return null;
    }
}
