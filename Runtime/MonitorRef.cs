namespace DistSys.Runtime;

/// <summary>Identifies one monitor; every call to Monitor returns a new one.</summary>
public readonly record struct MonitorRef(long Value)
{
    public override string ToString() => $"#Ref<{Value}>";
}
