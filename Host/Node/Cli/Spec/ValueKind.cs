namespace DistSys.Host.Cli.Spec;

/// <summary>What an option's value or a command's argument names, so completion offers files, directories or nothing.</summary>
internal enum ValueKind
{
    Text,
    File,
    Directory,
}
