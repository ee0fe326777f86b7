using DistSys.Runtime.Internal;

namespace DistSys.Runtime;

/// <summary>A timer started with SendAfter; pass it to CancelTimer to stop it.</summary>
public readonly struct TimerRef : IEquatable<TimerRef>
{
    internal TimerRef(ProcessTimer? timer) => Timer = timer;

    internal ProcessTimer? Timer { get; }

    /// <summary>False once the timer fired, was cancelled, or its target died.</summary>
    public bool IsActive => Timer is { IsActive: true };

    public bool Equals(TimerRef other) => ReferenceEquals(Timer, other.Timer);

    public override bool Equals(object? obj) => obj is TimerRef other && Equals(other);

    public override int GetHashCode() => Timer?.GetHashCode() ?? 0;

    public static bool operator ==(TimerRef left, TimerRef right) => left.Equals(right);

    public static bool operator !=(TimerRef left, TimerRef right) => !left.Equals(right);
}
