using DistSys.Transport.Messages;

namespace DistSys.Runtime;

/// <summary>
/// Why a process exited. The well-known reasons are preallocated singletons, so exits for the
/// common reasons allocate nothing; an exception or a custom text makes a new instance.
/// </summary>
public sealed class ExitReason : IEquatable<ExitReason>
{
    private ExitReason(ExitReasonKind kind, string? detail, Exception? exception)
    {
        Kind = kind;
        Detail = detail;
        Exception = exception;
    }

    public static ExitReason Normal { get; } = new(ExitReasonKind.Normal, null, null);

    public static ExitReason Kill { get; } = new(ExitReasonKind.Kill, null, null);

    public static ExitReason Killed { get; } = new(ExitReasonKind.Killed, null, null);

    public static ExitReason Shutdown { get; } = new(ExitReasonKind.Shutdown, null, null);

    public static ExitReason NoProc { get; } = new(ExitReasonKind.NoProc, null, null);

    public static ExitReason NoConnection { get; } = new(ExitReasonKind.NoConnection, null, null);

    public static ExitReason Timeout { get; } = new(ExitReasonKind.Timeout, null, null);

    /// <summary>Which reason this is.</summary>
    public ExitReasonKind Kind { get; }

    /// <summary>The text of a <see cref="ExitReasonKind.Custom"/> reason.</summary>
    public string? Detail { get; }

    /// <summary>The exception of an <see cref="ExitReasonKind.Exception"/> reason.</summary>
    public Exception? Exception { get; }

    /// <summary>True for <see cref="ExitReasonKind.Normal"/>.</summary>
    public bool IsNormal => Kind == ExitReasonKind.Normal;

    /// <summary>The reason of a process whose handler threw <paramref name="exception"/>.</summary>
    public static ExitReason FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return new(ExitReasonKind.Exception, null, exception);
    }

    /// <summary>An application-defined reason.</summary>
    public static ExitReason Custom(string detail)
    {
        ArgumentException.ThrowIfNullOrEmpty(detail);
        return new(ExitReasonKind.Custom, detail, null);
    }

    public bool Equals(ExitReason? other) =>
        other is not null && Kind == other.Kind && Detail == other.Detail && ReferenceEquals(Exception, other.Exception);

    public override bool Equals(object? obj) => Equals(obj as ExitReason);

    public override int GetHashCode() => HashCode.Combine(Kind, Detail, Exception);

    public override string ToString() => Kind switch
    {
        ExitReasonKind.Exception => $"exception: {Exception!.GetType().Name}: {Exception.Message}",
        ExitReasonKind.Custom => Detail!,
        ExitReasonKind.NoProc => "noproc",
        ExitReasonKind.NoConnection => "noconnection",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
