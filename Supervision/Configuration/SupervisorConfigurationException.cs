namespace DistSys.Supervision.Configuration;

/// <summary>A supervision tree in configuration is invalid; <see cref="Key"/> is the full path of the bad key.</summary>
public sealed class SupervisorConfigurationException : Exception
{
    public SupervisorConfigurationException(string key, string problem)
        : base($"{key}: {problem}")
    {
        Key = key;
    }

    /// <summary>The configuration path of the bad key, e.g. <c>Supervisor:Children:2:Restart</c>.</summary>
    public string Key { get; }
}
