using System.Collections.Concurrent;
using System.Reflection;

namespace DistSys.Runtime.Internal;

/// <summary>
/// Whether a behaviour type overrides InitAsync. A process without an init is not scheduled at
/// spawn, which makes spawning cheaper and keeps idle processes off the run queues.
/// </summary>
internal static class BehaviourTraits
{
    private static readonly ConcurrentDictionary<Type, bool> HasInitByType = new();

    internal static bool HasInit(Behaviour behaviour)
    {
        var type = behaviour.GetType();
        return type != typeof(LambdaBehaviour) && type != typeof(SyncLambdaBehaviour)
            && HasInitByType.GetOrAdd(type, static t => t.GetMethod(
                nameof(Behaviour.InitAsync),
                BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public,
                [typeof(ProcessContext)])!.DeclaringType != typeof(Behaviour));
    }
}
