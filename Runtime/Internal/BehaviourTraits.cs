using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
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
        // Behaviour's [DynamicallyAccessedMembers] flows into GetType(), so the trimmer keeps each
        // behaviour's InitAsync for the lookup below (no unanalysable reflection under trimming or AOT).
        var type = behaviour.GetType();
        if (type == typeof(LambdaBehaviour) || type == typeof(SyncLambdaBehaviour))
        {
            return false;
        }

        if (!HasInitByType.TryGetValue(type, out var hasInit))
        {
            hasInit = OverridesInit(type);
            HasInitByType.TryAdd(type, hasInit);
        }

        return hasInit;
    }

    private static bool OverridesInit([DynamicallyAccessedMembers(Methods)] Type type) =>
        type.GetMethod(nameof(Behaviour.InitAsync), BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(ProcessContext)])!
            .DeclaringType != typeof(Behaviour);

    internal const DynamicallyAccessedMemberTypes Methods = DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.NonPublicMethods;
}
