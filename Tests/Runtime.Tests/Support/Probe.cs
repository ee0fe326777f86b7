using System.Threading.Channels;

namespace DistSys.Runtime.Tests.Support;

/// <summary>
/// A test process that records every message it receives and runs <see cref="Do"/> actions as
/// itself, so a test can link, monitor or trap exits from inside a real process and then await
/// what arrives.
/// </summary>
internal sealed class Probe
{
    private readonly Channel<object> _received = Channel.CreateUnbounded<object>();

    public Probe(ProcessRuntime runtime, SpawnOptions? options = null)
    {
        Pid = runtime.Spawn(
            (context, message) =>
            {
                if (message is Do action)
                {
                    action.Action(context);
                    return;
                }

                _received.Writer.TryWrite(message);
            },
            options);
        Runtime = runtime;
    }

    public Pid Pid { get; }

    public ProcessRuntime Runtime { get; }

    /// <summary>Runs <paramref name="action"/> inside the probe process and waits until it ran.</summary>
    public async Task<T> RunAsync<T>(Func<ProcessContext, T> action)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Runtime.Send(Pid, new Do(context => done.SetResult(action(context))));
        return await done.Task.WaitAsync(Eventually.Liveness);
    }

    public Task RunAsync(Action<ProcessContext> action) => RunAsync(context =>
    {
        action(context);
        return true;
    });

    /// <summary>The next message, which must be a <typeparamref name="T"/>.</summary>
    public async Task<T> ExpectAsync<T>()
    {
        var message = await _received.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Liveness);
        Assert.That(message, Is.InstanceOf<T>(), $"expected a {typeof(T).Name}, got {message}");
        return (T)message;
    }

    /// <summary>Everything received so far, without waiting.</summary>
    public List<object> Drain()
    {
        var all = new List<object>();
        while (_received.Reader.TryRead(out var message))
        {
            all.Add(message);
        }

        return all;
    }

    public sealed record Do(Action<ProcessContext> Action);
}
