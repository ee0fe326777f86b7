namespace DistSys.Host.Hosting.Settings;

/// <summary>A setting is missing, malformed or out of range; the message names it and where it came from.</summary>
internal sealed class SettingException(string message) : Exception(message);
