using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace DistSys.Runtime.Internal;

/// <summary>Throws kept out of hot methods.</summary>
internal static class ThrowHelper
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowProcessLimit(int max) =>
        throw new InvalidOperationException($"process limit reached: at most {max} processes may be alive at once");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowNameTaken(string name, Pid owner) =>
        throw new InvalidOperationException($"the name '{name}' is already registered to {owner}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowCannotRegister(string name, Pid pid, string why) =>
        throw new InvalidOperationException($"cannot register '{name}' to {pid}: {why}");

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static void ThrowDisposed() => throw new ObjectDisposedException(nameof(ProcessRuntime));
}
