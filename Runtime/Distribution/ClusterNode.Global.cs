using DistSys.Runtime.Distribution.Internal;

namespace DistSys.Runtime.Distribution;

/// <summary>The global name registry's public door; the registry is <see cref="GlobalNames"/>.</summary>
public sealed partial class ClusterNode
{
    /// <summary>Registers <paramref name="name"/> cluster-wide for <paramref name="pid"/>; false when the name is taken. Released when the process or its node dies.</summary>
    public async Task<bool> RegisterGlobalAsync(string name, Pid pid) =>
        await _globals.AskAsync(new GlobalRequest(GlobalOp.Register, GlobalNames.CheckName(name), pid)).ConfigureAwait(false) is true;

    /// <summary>Removes a global name; false when it was not registered.</summary>
    public async Task<bool> UnregisterGlobalAsync(string name) =>
        await _globals.AskAsync(new GlobalRequest(GlobalOp.Unregister, GlobalNames.CheckName(name), Pid.None)).ConfigureAwait(false) is true;

    /// <summary>The pid registered cluster-wide as <paramref name="name"/>, or null.</summary>
    public async Task<Pid?> WhereisGlobalAsync(string name) =>
        await _globals.AskAsync(new GlobalRequest(GlobalOp.Whereis, GlobalNames.CheckName(name), Pid.None)).ConfigureAwait(false) is Pid pid ? pid : null;
}
