namespace DistSys.Runtime;

/// <summary>
/// The generic server behaviour (Erlang's gen_server): <see cref="Behaviour.InitAsync"/>, then
/// calls (<see cref="HandleCallAsync"/>, answered with its return value), casts
/// (<see cref="HandleCastAsync"/>, sent with <c>Cast</c>), every other message including EXIT,
/// DOWN and receive timeouts (<see cref="HandleInfoAsync"/>), and <see cref="Behaviour.Terminate"/>.
/// </summary>
public abstract class GenServer : Behaviour
{
    protected internal sealed override ValueTask ReceiveAsync(ProcessContext context, object message) => message switch
    {
        CallRequest call => CallAsync(context, call),
        CastMessage cast => HandleCastAsync(context, cast.Message),
        _ => HandleInfoAsync(context, message),
    };

    /// <summary>Answers a call; the returned value is the reply. Throwing ends the server and fails the call.</summary>
    protected virtual ValueTask<object?> HandleCallAsync(ProcessContext context, object request) =>
        throw new NotSupportedException($"{GetType().Name} does not handle calls ({request.GetType().Name})");

    /// <summary>Handles a message sent with Cast.</summary>
    protected virtual ValueTask HandleCastAsync(ProcessContext context, object message) => default;

    /// <summary>Handles any other message.</summary>
    protected virtual ValueTask HandleInfoAsync(ProcessContext context, object message) => default;

    private ValueTask CallAsync(ProcessContext context, CallRequest call)
    {
        var reply = HandleCallAsync(context, call.Request);
        if (reply.IsCompletedSuccessfully)
        {
            call.Reply(reply.Result);
            return default;
        }

        return AwaitReplyAsync(reply, call);
    }

    private static async ValueTask AwaitReplyAsync(ValueTask<object?> reply, CallRequest call) =>
        call.Reply(await reply.ConfigureAwait(false));
}
