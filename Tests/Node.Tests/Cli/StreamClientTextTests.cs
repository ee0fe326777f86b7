using DistSys.Host.Cli;

namespace DistSys.Node.Tests.Cli;

/// <summary>The lines <c>client status</c> prints for a streaming job (docs/api.md, "Streams").</summary>
public sealed class StreamClientTextTests
{
    [Test]
    public void StreamLines_RunningTopology_RestartsPluginFailuresNodesAndSources()
    {
        using var stream = System.Text.Json.JsonDocument.Parse("""
            {"job_id":"job-s3","name":"clicks","type":"streaming","status":"running","error":null,"restarts":2,"plugin_failures":1,
             "nodes":[{"id":"in","parallelism":1,"rate":0,"events_in":0,"events_out":500,"backlog":0,"instances":[{"runs_on":"master"}]},
                      {"id":"upper","parallelism":2,"rate":1250.5,"events_in":500,"events_out":480,"backlog":3,
                       "instances":[{"runs_on":"worker1"},{"runs_on":"worker2"}]}],
             "sources":[{"node":"in","read":500,"acked":480,"replayed":20,"log_bytes":4096,"log_capacity":1048576}]}
            """);

        Assert.That(ClientRunner.StreamLines(stream.RootElement).Split(Environment.NewLine), Is.EqualTo(new[]
        {
            "job-s3 clicks: streaming, running, 2 restarts (1 after a plugin failure)",
            "  in x1 on master: 0 ev/s, 0 in, 500 out, backlog 0 batches",
            "  upper x2 on worker1,worker2: 1250.5 ev/s, 500 in, 480 out, backlog 3 batches",
            "  source in: read 500, acked 480, replayed 20, log 4096/1048576 bytes",
        }));
    }
}
