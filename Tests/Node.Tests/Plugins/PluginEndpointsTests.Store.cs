using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DistSys.Plugins.Store;
using DistSys.Plugins.Tests.Support;

namespace DistSys.Node.Tests.Plugins;

/// <summary>The plugin store through the API: paths only inside the plugin directory, uploads stored by sha256, stderr kept out of answers.</summary>
public sealed partial class PluginEndpointsTests
{
    [Test]
    public async Task Deploy_SymlinkInsideThePluginDirLeadingOutside_400InvalidPath()
    {
        var http = await StartAsync();
        Directory.CreateDirectory(PluginDir);
        File.CreateSymbolicLink(Path.Combine(PluginDir, "escape.dll"), ExamplePlugins.Echo(WorkRoot).Path);

        var response = await http.PostAsJsonAsync("api/plugins", new { name = "echo", version = "1", path = "escape.dll" });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"invalid_path\"").And.Contain("through a link"));
        Assert.That(Manager.List(), Is.Empty);
    }

    [Test]
    public async Task Deploy_AbsolutePathInsideThePluginDir_RunsFromTheStore()
    {
        var http = await StartAsync();
        var absolute = Path.Combine(PluginDir, InPluginDir());

        var response = await http.PostAsJsonAsync("api/plugins", new { name = "echo", version = "1", path = absolute });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var pid = Manager.List().Single().ProcessId;
        Assert.That(await File.ReadAllTextAsync($"/proc/{pid}/cmdline"), Does.Contain("/plugin/DistSys.Plugins.Examples.Echo.dll"), "the package bound into the sandbox");
    }

    [Test]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task Upload_Package_StoredContentAddressedPrivatelyAndRun()
    {
        var http = await StartAsync();
        var (package, entry) = PluginPackage.Pack(ExamplePlugins.Echo(WorkRoot).Path);

        using var response = await http.PostAsync($"api/plugins?name=echo&version=1&entry={entry}", Upload(package));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var blob = Path.Combine(StoreRoot, "sha256", PluginStore.Sha256Of(package) + ".zip");
        Assert.That(File.ReadAllBytes(blob), Is.EqualTo(package));
        Assert.That(File.GetUnixFileMode(blob), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.GetUnixFileMode(StoreRoot), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute));
        Assert.That((await Manager.InvokeAsync("echo", "echo", new byte[] { 5 })).Body, Is.EqualTo(new byte[] { 5 }));
    }

    [TestCase("../evil.sh")]
    [TestCase("/etc/evil.sh")]
    public async Task Upload_PackageNamingAFileOutsideItself_400InvalidArtifact(string name)
    {
        var http = await StartAsync();

        using var response = await http.PostAsync("api/plugins?name=evil&version=1&entry=evil.sh", Upload(Zip((name, "#!/bin/sh\n"))));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("\"error\":\"invalid_artifact\""));
    }

    [Test]
    public async Task Upload_PluginThatWritesStderrAndExits_422ShortReasonWithoutTheStderr()
    {
        var http = await StartAsync();
        var script = "#!/bin/sh\necho 'SECRET-FROM-STDERR' >&2\nexit 3\n";

        using var response = await http.PostAsync("api/plugins?name=talker&version=1&entry=talker.sh", Upload(Zip(("talker.sh", script))));
        var body = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity), body);
        Assert.That(body, Does.Contain("exited with code 3 before its hello"));
        Assert.That(body, Does.Not.Contain("SECRET-FROM-STDERR"));
    }

    [Test]
    public async Task Deploy_TextPlainBody_415BeforeAnythingRuns()
    {
        var http = await StartAsync();

        using var response = await http.PostAsync("api/plugins", new StringContent("""{"name":"echo","version":"1","path":"/bin/sh"}""", Encoding.UTF8, "text/plain"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), "only JSON or an octet-stream package");
        Assert.That(Manager.List(), Is.Empty);
    }

    private static ByteArrayContent Upload(byte[] package)
    {
        var content = new ByteArrayContent(package);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return content;
    }

    private static byte[] Zip(params (string Name, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }

        return buffer.ToArray();
    }
}
