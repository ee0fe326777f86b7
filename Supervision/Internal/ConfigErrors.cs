using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using DistSys.Supervision.Configuration;

namespace DistSys.Supervision.Internal;

/// <summary>Throws for configuration problems, keeping the readers' paths short.</summary>
internal static class ConfigErrors
{
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Throw(string key, string problem) => throw new SupervisorConfigurationException(key, problem);

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static T Throw<T>(string key, string problem) => throw new SupervisorConfigurationException(key, problem);
}
