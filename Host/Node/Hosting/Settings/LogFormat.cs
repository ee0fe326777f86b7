namespace DistSys.Host.Hosting.Settings;

/// <summary>The console log format (<c>--log-format</c>).</summary>
internal enum LogFormat
{
    Text,
    Json,
}
