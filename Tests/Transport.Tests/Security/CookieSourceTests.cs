using DistSys.Transport.Security;

namespace DistSys.Transport.Tests.Security;

[TestFixture]
public sealed class CookieSourceTests
{
    private string _home = null!;

    [SetUp]
    public void SetUp() => _home = Directory.CreateTempSubdirectory("distsys-cookie-").FullName;

    [TearDown]
    public void TearDown() => Directory.Delete(_home, recursive: true);

    [Test]
    public void Resolve_ConfiguredValue_WinsOverEnvironmentAndFile()
    {
        var cookie = Source(env: "from-env").Resolve("from-config");
        Assert.That(cookie.Origin, Is.EqualTo(CookieOrigin.Config));
        Assert.That(File.Exists(Path.Combine(_home, CookieSource.FileName)), Is.False);
    }

    [Test]
    public void Resolve_EnvironmentSet_UsesIt()
    {
        var cookie = Source(env: "from-env").Resolve();
        Assert.That(cookie.Origin, Is.EqualTo(CookieOrigin.Environment));
        Assert.That(cookie.Key.ToArray(), Is.EqualTo("from-env"u8.ToArray()));
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Resolve_NoCookieAnywhere_CreatesFileWithMode0600AndRandomContent()
    {
        var first = Source().Resolve();
        var path = Path.Combine(_home, CookieSource.FileName);

        Assert.That(first.Origin, Is.EqualTo(CookieOrigin.CreatedFile));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(File.ReadAllText(path), Has.Length.EqualTo(32));

        var second = Source().Resolve();
        Assert.That(second.Origin, Is.EqualTo(CookieOrigin.File));
        Assert.That(second.Key.ToArray(), Is.EqualTo(first.Key.ToArray()), "the created file is reused");
    }

    [Test]
    [Platform(Exclude = "Win")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Resolve_CookieFileReadableByOthers_IsRefused()
    {
        var path = Path.Combine(_home, CookieSource.FileName);
        File.WriteAllText(path, "shared-secret");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<CookieException>(() => Source().Resolve());
        Assert.That(error!.Message, Does.Contain("chmod 600"));
    }

    [Test]
    public void Resolve_EmptyCookieFile_IsRefused()
    {
        var path = Path.Combine(_home, CookieSource.FileName);
        File.WriteAllText(path, "  \n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Throws<CookieException>(() => Source().Resolve());
    }

    [Test]
    public void FromText_TooLong_IsRejected() =>
        Assert.Throws<ArgumentException>(() => ClusterCookie.FromText(new string('x', ClusterCookie.MaxBytes + 1)));

    private CookieSource Source(string? env = null) =>
        new(name => name == CookieSource.EnvironmentVariable ? env : null, _home);
}
