namespace DistSys.Runtime.Internal;

/// <summary>
/// One dedicated thread per core, each with its own lock-free run queue. A process always runs
/// on the worker its slot hashes to (no stealing), so this is the simple measured alternative to
/// the thread pool, kept selectable for comparison (docs/runtime.md).
/// </summary>
internal sealed class DedicatedDispatcher : Dispatcher
{
    private readonly Worker[] _workers;

    internal DedicatedDispatcher(int threads)
    {
        _workers = new Worker[threads];
        for (var i = 0; i < threads; i++)
        {
            _workers[i] = new Worker(i);
        }
    }

    internal override void Schedule(Process process) =>
        _workers[(uint)process.Pid.Slot % (uint)_workers.Length].Enqueue(process);

    internal override void Stop()
    {
        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }

    private sealed class Worker : IDisposable
    {
        private readonly ManualResetEventSlim _wake = new(false, spinCount: 0);
        private readonly Thread _thread;
        private MessageQueue _runQueue;
        private int _sleeping;
        private volatile bool _stopped;

        internal Worker(int index)
        {
            _thread = new Thread(Run) { IsBackground = true, Name = $"distsys-scheduler-{index}" };
            _thread.Start();
        }

        internal void Enqueue(Process process)
        {
            _runQueue.TryEnqueue(process, 0);
            if (Volatile.Read(ref _sleeping) == 1 && Interlocked.Exchange(ref _sleeping, 0) == 1)
            {
                _wake.Set();
            }
        }

        public void Dispose()
        {
            _stopped = true;
            Interlocked.Exchange(ref _sleeping, 0);
            _wake.Set();
        }

        private void Run()
        {
            while (!_stopped)
            {
                if (_runQueue.TryDequeue(out var next))
                {
                    ((Process)next).Execute();
                    continue;
                }

                Park();
            }
        }

        private void Park()
        {
            var spin = default(SpinWait);
            while (!spin.NextSpinWillYield)
            {
                if (_runQueue.HasItems)
                {
                    return;
                }

                spin.SpinOnce();
            }

            _wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);
            if (_runQueue.HasItems || _stopped)
            {
                Interlocked.Exchange(ref _sleeping, 0);
                return;
            }

            _wake.Wait();
        }
    }
}
