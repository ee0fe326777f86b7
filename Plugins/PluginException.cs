namespace DistSys.Plugins;

/// <summary>A plugin request or command failed; <see cref="Error"/> says why, the message says what happened.</summary>
public sealed class PluginException : Exception
{
    public PluginException()
    {
    }

    public PluginException(string message)
        : base(message)
    {
    }

    public PluginException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one failure.</summary>
    public PluginException(PluginError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Creates the exception for one failure caused by another.</summary>
    public PluginException(PluginError error, string message, Exception innerException)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>The kind of failure.</summary>
    public PluginError Error { get; }
}
