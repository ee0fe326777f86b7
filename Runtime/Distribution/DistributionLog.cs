using DistSys.Transport.Handshake;
using Microsoft.Extensions.Logging;

namespace DistSys.Runtime.Distribution;

/// <summary>Every log line the distribution layer writes, with stable event ids (4000-4099).</summary>
internal static partial class DistributionLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Node {Node} started as {Role} (id {NodeId}, incarnation {Incarnation}), advertising {Host}:{Port}")]
    public static partial void NodeStarted(ILogger logger, string node, NodeRole role, int nodeId, int incarnation, string host, int port);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Node {Node} joined the cluster through the master at {Master} (incarnation {Incarnation})")]
    public static partial void Joined(ILogger logger, string node, string master, int incarnation);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Node {Node} (incarnation {Incarnation}) joined from {Host}:{Port}")]
    public static partial void NodeJoined(ILogger logger, string node, int incarnation, string host, int port);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "Member {Node} (incarnation {Incarnation}) is up")]
    public static partial void MemberUp(ILogger logger, string node, int incarnation);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Member {Node} (incarnation {Incarnation}) is DOWN: {Reason}")]
    public static partial void MemberDown(ILogger logger, string node, int incarnation, NodeDownReason reason);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Member {Node} (incarnation {Incarnation}) left the cluster")]
    public static partial void MemberLeft(ILogger logger, string node, int incarnation);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Member {Node} is leaving ({Reason})")]
    public static partial void MemberLeaving(ILogger logger, string node, Transport.Messages.WireExitReason reason);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Node {Node} is leaving the cluster")]
    public static partial void Leaving(ILogger logger, string node);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "Master unreachable at {Master} ({Outcome}): retrying with backoff until it answers")]
    public static partial void MasterUnreachable(ILogger logger, string master, HandshakeOutcome outcome);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Information, Message = "Joining {Master}: attempt {Attempt} failed, next in {DelayMs:F0} ms")]
    public static partial void JoinRetry(ILogger logger, string master, int attempt, double delayMs);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Warning, Message = "Stopped rejoining the master: {Detail}")]
    public static partial void RejoinStopped(ILogger logger, string detail);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Error, Message = "Cookie rejected: {Peer} does not hold this cluster's cookie; connection refused")]
    public static partial void CookieRejectedInbound(ILogger logger, string peer);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Error, Message = "Cookie rejected by {Peer}: this node's cookie differs from the cluster's")]
    public static partial void CookieRejectedOutbound(ILogger logger, string peer);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning, Message = "Handshake with {Peer} failed: {Outcome}")]
    public static partial void HandshakeRefused(ILogger logger, string peer, HandshakeOutcome outcome);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Error, Message = "Node {Node} refused: its id {NodeId} is already taken by {Holder} (rename one of them)")]
    public static partial void NameCollision(ILogger logger, string node, int nodeId, string holder);

    [LoggerMessage(EventId = 4024, Level = LogLevel.Warning, Message = "Could not connect to member {Node}: {Detail}")]
    public static partial void DialFailed(ILogger logger, string node, string detail);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Error, Message = "A MemberChanged subscriber threw for member {Node}")]
    public static partial void SubscriberFailed(ILogger logger, string node, Exception exception);

    [LoggerMessage(EventId = 4040, Level = LogLevel.Warning, Message = "Member {Node} (incarnation {Incarnation}) is unreachable from here while the master lists it up: reported to the master")]
    public static partial void PeerUnreachableReported(ILogger logger, string node, int incarnation);

    [LoggerMessage(EventId = 4041, Level = LogLevel.Warning, Message = "Partition: workers {Node} and {Other} cannot reach each other while both reach the master; downing {Node} for everyone, its rejoin refused for {QuarantineSeconds:F0} s")]
    public static partial void PartitionDowned(ILogger logger, string node, string other, double quarantineSeconds);

    [LoggerMessage(EventId = 4042, Level = LogLevel.Information, Message = "Refused {Node}: it is quarantined after a partition; it may rejoin later")]
    public static partial void QuarantineRefused(ILogger logger, string node);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Warning, Message = "Global name {Name} not registered again with the new master: {Detail}")]
    public static partial void GlobalNotReregistered(ILogger logger, string name, string detail);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Warning, Message = "Dropped an undecodable message from {Node}: {Detail}")]
    public static partial void UndecodableMessage(ILogger logger, string node, string detail);
}
