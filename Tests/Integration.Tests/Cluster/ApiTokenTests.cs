using System.Net;
using System.Net.Http.Headers;
using System.Runtime.Versioning;
using DistSys.Integration.Tests.Support;

namespace DistSys.Integration.Tests.Cluster;

/// <summary>A real master process: its HTTP API needs the token it was given in --api-token-file; /healthz stays open.</summary>
[TestFixture]
[UnsupportedOSPlatform("windows")]
public sealed class ApiTokenTests
{
    private const string FileToken = "from-the-token-file-77aa";
    private TestCluster _cluster = null!;
    private string _file = "";

    [SetUp]
    public void SetUp()
    {
        _cluster = new TestCluster();
        _file = Path.Combine(Path.GetTempPath(), $"distsys-it-token-{Guid.NewGuid():N}");
        File.WriteAllText(_file, FileToken + "\n");
        File.SetUnixFileMode(_file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [TearDown]
    public async Task TearDown()
    {
        await _cluster.DisposeAsync();
        File.Delete(_file);
    }

    [Test]
    public async Task TokenFile_BeatsTheEnvironment_OnlyItsTokenIsAccepted()
    {
        // Every test node also gets DISTSYS_API_TOKEN; --api-token-file comes first.
        var master = _cluster.StartMaster(extra: ["--api-token-file", _file]);
        await master.WaitForHealthyAsync();

        var none = await StatusAsync(master, null);
        var environmentToken = await master.TryGetStatusAsync("/api/status");
        var fileToken = await StatusAsync(master, FileToken);

        Assert.Multiple(() =>
        {
            Assert.That(none, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(environmentToken, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(fileToken, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(master.Output, Does.Contain("API token from --api-token-file").And.Not.Contain(FileToken), "the log names the source, never the token");
        });
    }

    private static async Task<HttpStatusCode> StatusAsync(NodeProcess node, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.BaseAddress, "/api/status"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await NodeProcess.SendAsync(request);
        return response.StatusCode;
    }
}
