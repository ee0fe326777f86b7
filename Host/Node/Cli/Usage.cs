namespace DistSys.Host.Cli;

/// <summary>The usage printed by <c>--help</c> and after a usage error, drawn from <see cref="Spec.CommandCatalog"/>.</summary>
internal static class Usage
{
    public static string Text => Spec.HelpText.Usage;
}
