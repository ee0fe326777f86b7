using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using DistSys.Plugins.Ipc;

namespace DistSys.Plugins.Tests.Ipc;

/// <summary>The lock-free, allocation-free table of requests in flight.</summary>
public sealed class PendingTableTests
{
    [Test]
    public async Task TryClaim_AfterSucceed_WritesTheResponseIntoTheCallersBuffer()
    {
        var table = new PendingTable();
        var call = table.Rent(out var id);
        var response = new ArrayBufferWriter<byte>();
        var completion = call.Begin(id, long.MaxValue, counted: true, response);

        Assert.That(table.TryClaim(id, out var claimed), Is.True);
        claimed.Succeed([1, 2, 3], inline: false);
        await completion;

        Assert.That(response.WrittenSpan.ToArray(), Is.EqualTo(new byte[] { 1, 2, 3 }));
    }

    [Test]
    public void TryClaim_SameIdTwice_OnlyTheFirstWins()
    {
        var table = new PendingTable();
        var call = table.Rent(out var id);
        var completion = call.Begin(id, long.MaxValue, counted: true, response: null);

        Assert.That(table.TryClaim(id, out _), Is.True);
        Assert.That(table.TryClaim(id, out _), Is.False, "a duplicate response is not in flight");
        call.Succeed([], inline: true);
        Assert.That(completion.IsCompletedSuccessfully, Is.True);
    }

    [Test]
    [SuppressMessage("Reliability", "CA2012", Justification = "the request is deliberately left in flight")]
    public void TryClaim_ForgedOrUnknownId_IsRefused()
    {
        var table = new PendingTable();
        var call = table.Rent(out var id);
        var completion = call.Begin(id, long.MaxValue, counted: true, response: null);

        Assert.That(table.TryClaim(0, out _), Is.False);
        Assert.That(table.TryClaim(id + (ulong)PendingTable.Capacity, out _), Is.False, "same slot, another sequence");
        Assert.That(table.TryClaim(ulong.MaxValue, out _), Is.False);
        Assert.That(table.Count, Is.EqualTo(1));
        Assert.That(completion.IsCompleted, Is.False);
    }

    [Test]
    public async Task Rent_AfterTheCallerAwaited_ReusesSlotsWithFreshIds()
    {
        var table = new PendingTable();
        var ids = new HashSet<ulong>();
        var slots = new HashSet<PendingCall>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < PendingTable.Capacity * 3; i++)
        {
            var call = table.Rent(out var id);
            var completion = call.Begin(id, long.MaxValue, counted: true, response: null);
            Assert.That(table.TryClaim(id, out _), Is.True);
            call.Fail(new PluginException(PluginError.OperationFailed, "expected"), inline: true);
            Assert.ThrowsAsync<PluginException>(async () => await completion);
            ids.Add(id);
            slots.Add(call);
        }

        await Task.Yield();
        Assert.That(ids, Has.Count.EqualTo(PendingTable.Capacity * 3), "every id is unique");
        Assert.That(slots, Has.Count.EqualTo(PendingTable.Capacity), "slots are reused, not allocated per request");
        Assert.That(table.Count, Is.Zero);
    }
}
