using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Tests;

/// <summary>File inputs by reference at submit: stat only, slices planned, the stored form read back the same.</summary>
public sealed class JobConfigParserFilesTests
{
    private static readonly OperationRegistry s_operations = OperationRegistry.CreateDefault();
    private DirectoryInfo _root = null!;
    private InputRoot _inputs = null!;

    [SetUp]
    public void SetUp()
    {
        _root = Directory.CreateTempSubdirectory("distsys-config-files-");
        _inputs = new InputRoot(_root.FullName);
        File.WriteAllText(Path.Combine(_root.FullName, "a.txt"), new string('a', 3000) + "\n");
        File.WriteAllText(Path.Combine(_root.FullName, "b.txt"), "b\n");
        Directory.CreateDirectory(Path.Combine(_root.FullName, "logs"));
        File.WriteAllText(Path.Combine(_root.FullName, "logs", "1.log"), "{\"u\":\"x\"}\n");
        File.WriteAllText(Path.Combine(_root.FullName, "logs", "2.log"), "{\"u\":\"y\"}\n");
    }

    [TearDown]
    public void TearDown() => _root.Delete(recursive: true);

    private (JobConfig? Config, ConfigError? Error) Parse(string json, bool stored = false)
    {
        using var document = JsonDocument.Parse(json);
        return JobConfigParser.Parse(document.RootElement.Clone(), s_operations, stored ? null : _inputs, stored);
    }

    [Test]
    public void Parse_FileByReference_StatsItAndPlansSlicesWithoutReadingIt()
    {
        var (config, error) = Parse("""{"operation":"wordcount","file":"a.txt","task_count":3}""");

        Assert.That(error, Is.Null);
        Assert.That(config!.Input.Text, Is.Null, "the text is not read at submit");
        Assert.That(config.Input.Files!.Single(), Is.EqualTo(_inputs.Stat("a.txt", out _)));
        Assert.That(config.TaskCount, Is.EqualTo(3));
    }

    [Test]
    public void Parse_NoTaskCount_OneSlicePerDefaultPartitionSizeAtLeastOne()
    {
        var (config, _) = Parse("""{"operation":"wordcount","files":["a.txt","b.txt"]}""");

        Assert.That(config!.TaskCount, Is.EqualTo(2), "one slice per non-empty file below 64 MiB");
    }

    [Test]
    public void Parse_DirWithGlob_TheMatchingFilesInOrdinalOrder()
    {
        var (config, error) = Parse("""{"operation":"count_by","dir":"logs","glob":"*.log","key":"u"}""");

        Assert.That(error, Is.Null);
        Assert.That(config!.Input.Files!.Select(f => f.Name), Is.EqualTo(new[] { "logs/1.log", "logs/2.log" }));
        Assert.That((config.Format, config.Key), Is.EqualTo(("ndjson", "u")));
    }

    [Test]
    public void ToJson_StoredFormParsedBackWithoutTheRoot_SamePlan()
    {
        var (config, _) = Parse("""{"operation":"sum_by","files":["logs/1.log","a.txt"],"key":"u","field":"n","task_count":4}""");

        var (again, error) = Parse(config!.ToJson(), stored: true);

        Assert.That(error, Is.Null);
        Assert.That(again!.Input.Files, Is.EqualTo(config.Input.Files));
        Assert.That((again.TaskCount, again.Key, again.Field, again.Format), Is.EqualTo((config.TaskCount, "u", "n", "ndjson")));
        Assert.That(new JobPlan(again).TaskFor("j", 3, 1).Slice, Is.EqualTo(new JobPlan(config).TaskFor("j", 3, 1).Slice));
    }

    [TestCase("""{"operation":"wordcount","file":"missing.txt"}""", "config.file", "does not exist")]
    [TestCase("""{"operation":"wordcount","file":"../outside.txt"}""", "config.file", "outside the input root")]
    [TestCase("""{"operation":"wordcount","files":["a.txt","nope"]}""", "config.files[1]", "does not exist")]
    [TestCase("""{"operation":"wordcount","files":[]}""", "config.files", "array of 1")]
    [TestCase("""{"operation":"wordcount","dir":"logs","glob":"*.csv"}""", "config.glob", "no file")]
    [TestCase("""{"operation":"wordcount","dir":"../"}""", "config.dir", "outside")]
    [TestCase("""{"operation":"wordcount","dir":"nowhere"}""", "config.dir", "does not exist")]
    [TestCase("""{"operation":"wordcount","file":"a.txt","glob":"*"}""", "config.glob", "only with dir")]
    [TestCase("""{"operation":"wordcount","file":"a.txt","files":["b.txt"]}""", "config.files", "only one input")]
    [TestCase("""{"operation":"wordcount","inputs":[{"name":"a.txt","size":1,"written":1}]}""", "config.inputs", "stored form")]
    [TestCase("""{"operation":"count_by","file":"a.txt"}""", "config.key", "required")]
    [TestCase("""{"operation":"sum_by","file":"a.txt","key":"u"}""", "config.field", "required")]
    [TestCase("""{"operation":"count_by","file":"a.txt","key":"u","format":"text"}""", "config.format", "NDJSON")]
    [TestCase("""{"operation":"wordcount","file":"a.txt","format":"ndjson"}""", "config.field", "required")]
    [TestCase("""{"operation":"wordcount","file":"a.txt","field":"t"}""", "config.field", "only with")]
    [TestCase("""{"operation":"wordcount","file":"a.txt","key":"t"}""", "config.key", "does not apply")]
    [TestCase("""{"operation":"wordcount","file":"a.txt","format":"csv"}""", "config.format", "must be")]
    [TestCase("""{"operation":"sum","data":[1],"format":"ndjson"}""", "config.format", "does not apply")]
    [TestCase("""{"operation":"sum","files":["a.txt"]}""", "config.files", "takes data, range or file")]
    public void Parse_BadFileInput_NamesTheField(string json, string field, string detail)
    {
        var (config, error) = Parse(json);

        Assert.That(config, Is.Null);
        Assert.That(error!.Field, Is.EqualTo(field), error.Detail);
        Assert.That(error.Detail, Does.Contain(detail));
    }
}
