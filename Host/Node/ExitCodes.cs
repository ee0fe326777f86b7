namespace DistSys.Host;

/// <summary>Process exit codes, shared by every command so scripts can rely on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int Timeout = 124;
}
