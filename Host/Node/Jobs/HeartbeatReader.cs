using System.Globalization;
using System.Text.Json;
using DistSys.Jobs.Scheduling;
using Microsoft.AspNetCore.Http;
using DistSys.Host.Api;

namespace DistSys.Host.Jobs;

/// <summary>Validates the seed's heartbeat body: <c>{"worker_id","status","active_tasks","metrics","timestamp"}</c>.</summary>
internal static class HeartbeatReader
{
    public const int MaxWorkerIdLength = 256;
    public const int MaxStatusLength = 32;
    public const string DefaultStatus = "active";
    public const int MaxMetricsBytes = 16 << 10;

    public static (WorkerHeartbeat? Heartbeat, IResult? Error) Read(JsonElement body, TimeProvider time)
    {
        if (JsonBodyReader.UnknownField(body, "worker_id", "status", "active_tasks", "metrics", "timestamp") is { } unknown)
        {
            return (null, JsonBodyReader.Invalid(unknown, "unknown field (known: worker_id, status, active_tasks, metrics, timestamp)"));
        }

        if (!body.TryGetProperty("worker_id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() is not { Length: > 0 and <= MaxWorkerIdLength } workerId
            || !NameRules.IsPrintable(workerId))
        {
            return (null, JsonBodyReader.Invalid("worker_id", $"required: a string of 1-{MaxWorkerIdLength} characters, {NameRules.Rule}"));
        }

        var status = DefaultStatus;
        if (body.TryGetProperty("status", out var s)
            && (s.ValueKind != JsonValueKind.String || s.GetString() is not { Length: > 0 and <= MaxStatusLength } given || !given.All(char.IsAsciiLetterOrDigit) || (status = given) is null))
        {
            return (null, JsonBodyReader.Invalid("status", $"must be a word of 1-{MaxStatusLength} letters or digits (e.g. \"active\")"));
        }

        var active = 0;
        if (body.TryGetProperty("active_tasks", out var a) && (a.ValueKind != JsonValueKind.Number || !a.TryGetInt32(out active) || active < 0))
        {
            return (null, JsonBodyReader.Invalid("active_tasks", "must be a whole number, 0 or more"));
        }

        string? metrics = null;
        if (body.TryGetProperty("metrics", out var m))
        {
            if (m.ValueKind != JsonValueKind.Object)
            {
                return (null, JsonBodyReader.Invalid("metrics", "must be a JSON object"));
            }

            metrics = m.GetRawText();
            if (metrics.Length > MaxMetricsBytes)
            {
                return (null, JsonBodyReader.Invalid("metrics", $"larger than {MaxMetricsBytes} bytes"));
            }
        }

        var timestamp = time.GetUtcNow();
        if (body.TryGetProperty("timestamp", out var t)
            && (t.ValueKind != JsonValueKind.String
                || !DateTimeOffset.TryParse(t.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out timestamp)))
        {
            return (null, JsonBodyReader.Invalid("timestamp", "must be an RFC 3339 time such as \"2024-01-01T12:00:00Z\""));
        }

        return (new WorkerHeartbeat(workerId, status, active, metrics, timestamp.ToUnixTimeMilliseconds()), null);
    }
}
