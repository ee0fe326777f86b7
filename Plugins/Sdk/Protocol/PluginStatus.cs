namespace DistSys.Plugins.Sdk.Protocol;

/// <summary>The outcome a plugin reports for one request, in the response frame's target field.</summary>
internal enum PluginStatus : byte
{
    /// <summary>The payload is the operation's response.</summary>
    Ok = 0,

    /// <summary>The operation threw (or the health check said unhealthy); the payload is the UTF-8 reason.</summary>
    Failed = 1,

    /// <summary>The plugin has no operation with that index; the payload is the UTF-8 reason.</summary>
    UnknownOperation = 2,
}
