namespace DistSys.Jobs;

/// <summary>Why a job request was refused: the field (a JSON path such as <c>config.factor</c>) and what is wrong with it.</summary>
internal sealed record ConfigError(string Field, string Detail)
{
    public override string ToString() => $"{Field}: {Detail}";
}
