using System.Diagnostics;
using DistSys.Jobs.Inputs;

namespace DistSys.Jobs.Tests.Inputs;

/// <summary>
/// The input root as an attacker probes it: every escape (absolute, <c>..</c>, symbolic links to
/// secrets, devices and /proc), every non-regular file, and files larger than the budget.
/// </summary>
public sealed class InputRootTests
{
    private DirectoryInfo _outside = null!;
    private DirectoryInfo _root = null!;
    private InputRoot _inputs = null!;

    [SetUp]
    public void SetUp()
    {
        _outside = Directory.CreateTempSubdirectory("distsys-outside-");
        _root = _outside.CreateSubdirectory("inputs");
        _inputs = new InputRoot(_root.FullName);
        File.WriteAllText(Path.Combine(_outside.FullName, "secret"), "the cookie");
        File.WriteAllText(Path.Combine(_root.FullName, "words.txt"), "a b c\n");
    }

    [TearDown]
    public void TearDown() => _outside.Delete(recursive: true);

    [Test]
    public void ReadAll_RelativeName_ReadsInsideTheRoot()
    {
        Assert.That(_inputs.ReadAll("words.txt", 1024).Text, Is.EqualTo("a b c\n"));
    }

    [Test]
    public void ReadAll_AbsoluteNameInsideTheRoot_Read()
    {
        Assert.That(_inputs.ReadAll(Path.Combine(_root.FullName, "words.txt"), 1024).Text, Is.EqualTo("a b c\n"));
    }

    [Test]
    public void ReadAll_SubdirectoryOfTheRoot_Read()
    {
        _root.CreateSubdirectory("corpus");
        File.WriteAllText(Path.Combine(_root.FullName, "corpus", "big.txt"), "x");

        Assert.That(_inputs.ReadAll("corpus/big.txt", 1024).Text, Is.EqualTo("x"));
    }

    [TestCase("/etc/passwd")]
    [TestCase("../secret")]
    [TestCase("corpus/../../secret")]
    [TestCase("/proc/self/environ")]
    [TestCase("/dev/zero")]
    [TestCase("~/.distsys.cookie")]
    public void ReadAll_NameOutsideTheRoot_RefusedWithoutContent(string name)
    {
        var read = _inputs.ReadAll(name, 1024);

        Assert.That(read.Text, Is.Null);
        Assert.That(read.Refusal, Does.Contain("input root"));
        Assert.That(read.Refusal, Does.Not.Contain("the cookie"));
    }

    [TestCase("/etc/passwd")]
    [TestCase("/dev/zero")]
    [TestCase("/proc/self/environ")]
    [TestCase("SECRET")]
    public void ReadAll_SymbolicLinkOutOfTheRoot_Refused(string target)
    {
        target = target == "SECRET" ? Path.Combine(_outside.FullName, "secret") : target;
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "link"), target);

        var read = _inputs.ReadAll("link", 1024);

        Assert.That(read.Text, Is.Null);
        Assert.That(read.Refusal, Does.Contain("resolves outside the input root"));
    }

    [Test]
    public void ReadAll_DirectoryLinkOutOfTheRoot_Refused()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root.FullName, "up"), _outside.FullName);

        Assert.That(_inputs.ReadAll("up/secret", 1024).Refusal, Does.Contain("resolves outside the input root"));
    }

    [Test]
    public void ReadAll_SymbolicLinkInsideTheRoot_Read()
    {
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "alias"), Path.Combine(_root.FullName, "words.txt"));

        Assert.That(_inputs.ReadAll("alias", 1024).Text, Is.EqualTo("a b c\n"));
    }

    [Test]
    public void ReadAll_Directory_NotARegularFile()
    {
        _root.CreateSubdirectory("logs");

        Assert.That(_inputs.ReadAll("logs", 1024).Refusal, Does.Contain("not a regular file"));
    }

    [Test]
    public void ReadAll_Fifo_RefusedWithoutBlocking()
    {
        var fifo = Path.Combine(_root.FullName, "pipe");
        using (var mkfifo = Process.Start("mkfifo", fifo))
        {
            mkfifo.WaitForExit();
        }

        // No writer ever opens the FIFO: a blocking open would hang this test until its timeout.
        Assert.That(_inputs.ReadAll("pipe", 1024).Refusal, Does.Contain("not a regular file"));
    }

    [Test]
    public void ReadAll_Missing_SaysSo()
    {
        Assert.That(_inputs.ReadAll("nope.txt", 1024).Refusal, Does.Contain("does not exist"));
    }

    [TestCase(1023, true)]
    [TestCase(1024, true)]
    [TestCase(1025, false)]
    [TestCase(200_000, false)]
    public void ReadAll_Budget_CountsBytesRead(int size, bool accepted)
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, "sized"), new byte[size]);

        var read = _inputs.ReadAll("sized", 1024);

        Assert.That(read.Text?.Length, Is.EqualTo(accepted ? size : null));
        Assert.That(read.Refusal, accepted ? Is.Null : Does.Contain("larger than 1024 bytes"));
    }

    [TestCase("")]
    [TestCase("a\0b")]
    public void ReadAll_InvalidName_Refused(string name)
    {
        Assert.That(_inputs.ReadAll(name, 1024).Refusal, Does.Contain("file name"));
    }

    [Test]
    public void ReadAll_ByteOrderMark_Dropped()
    {
        File.WriteAllBytes(Path.Combine(_root.FullName, "bom"), [0xEF, 0xBB, 0xBF, (byte)'x']);

        Assert.That(_inputs.ReadAll("bom", 1024).Text, Is.EqualTo("x"));
    }
}
