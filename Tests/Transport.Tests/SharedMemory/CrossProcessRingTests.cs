using System.Diagnostics;
using DistSys.Transport.Framing;
using DistSys.Transport.RingPeer;
using DistSys.Transport.SharedMemory;

namespace DistSys.Transport.Tests.SharedMemory;

/// <summary>Two OS processes over one channel: this test process and Tests/Transport.RingPeer, which echoes every frame.</summary>
public sealed class CrossProcessRingTests
{
    private const ulong Messages = 10_000_000;
    private SharedMemoryChannel? _channel;
    private Process? _peer;

    [TearDown]
    public void KillPeer()
    {
        if (_peer is not null)
        {
            try
            {
                Process.GetProcessById(_peer.Id).Kill();
            }
            catch (ArgumentException)
            {
                // Already exited: nothing left to kill.
            }

            _peer.Dispose();
        }

        _channel?.Dispose();
    }

    [Test]
    public async Task Channel_PeerProcessEchoesTenMillionMessages_BothChecksumsMatch()
    {
        _channel = SharedMemoryChannel.Create(ChannelPair.NewPath(), 64 * 1024);
        _peer = StartPeer(_channel.Path, Messages);
        var first = Receive(_channel.Reader);
        Assert.That(first.Kind, Is.EqualTo(FrameKind.Heartbeat), "the peer announces itself before any request");

        var sender = Task.Factory.StartNew(() => ChannelPair.SendNumbered(_channel.Writer, Messages), TaskCreationOptions.LongRunning);
        var echoed = ReceiveEchoes(_channel.Reader);
        var sent = await sender.WaitAsync(Eventually.Liveness);
        var last = Receive(_channel.Reader);

        Assert.That(echoed, Is.EqualTo(sent), "the echoes are what was sent");
        Assert.That(last.Kind, Is.EqualTo(FrameKind.NodeLeaving));
        Assert.That(last.Correlation, Is.EqualTo(sent), "the peer received what was sent");
        await _peer.WaitForExitAsync().WaitAsync(Eventually.Liveness);
        Assert.That(_peer.ExitCode, Is.Zero);
    }

    private static Process StartPeer(string channelPath, ulong messages)
    {
        // The CLI that runs the tests says where its host is; plain "dotnet" on PATH otherwise.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var info = new ProcessStartInfo(host) { RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(PeerAssembly());
        info.ArgumentList.Add(channelPath);
        info.ArgumentList.Add(messages.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(info) ?? throw new InvalidOperationException("could not start the ring peer");
    }

    /// <summary>The peer is built next to this project (ProjectReference without the assembly) with the same configuration and framework.</summary>
    private static string PeerAssembly()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var tests = output.Parent.Parent!.Parent!;
        var peer = Path.Combine(tests.Parent!.FullName, "Transport.RingPeer", "bin", configuration, framework, "DistSys.Transport.RingPeer.dll");
        Assert.That(File.Exists(peer), Is.True, $"ring peer not built at {peer}");
        return peer;
    }

    private ulong ReceiveEchoes(RingReader reader)
    {
        var checksum = RingChecksum.Seed;
        for (ulong sequence = 0; sequence < Messages; sequence++)
        {
            Frame frame;
            while (!reader.TryRead(out frame))
            {
                WaitForPeer(reader);
            }

            if (frame.Header.Correlation != sequence || frame.Header.Kind != FrameKind.Message)
            {
                Assert.Fail($"expected echo {sequence}, got {frame.Header}");
            }

            checksum = RingChecksum.Add(checksum, sequence, frame.Payload.FirstSpan);
            reader.Advance();
        }

        return checksum;
    }

    private FrameHeader Receive(RingReader reader)
    {
        Frame frame;
        while (!reader.TryRead(out frame))
        {
            WaitForPeer(reader);
        }

        var header = frame.Header;
        reader.Advance();
        return header;
    }

    /// <summary>Waits in short slices so a crashed peer fails the test with its stderr instead of a long timeout.</summary>
    private void WaitForPeer(RingReader reader)
    {
        var deadline = Stopwatch.StartNew();
        while (reader.WaitToRead(TimeSpan.FromMilliseconds(200)) != RingWaitResult.Ready)
        {
            if (_peer!.HasExited)
            {
                Assert.Fail($"ring peer exited with {_peer.ExitCode}: {_peer.StandardError.ReadToEnd()}");
            }

            Assert.That(deadline.Elapsed, Is.LessThan(Eventually.Liveness), "ring peer went silent");
        }
    }
}
