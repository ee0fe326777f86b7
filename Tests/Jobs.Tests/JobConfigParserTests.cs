using System.Text.Json;
using DistSys.Jobs.Inputs;
using DistSys.Jobs.Operations;

namespace DistSys.Jobs.Tests;

/// <summary>Config validation: the documented defaults, and every refusal naming its field.</summary>
public sealed class JobConfigParserTests
{
    private static readonly OperationRegistry s_operations = OperationRegistry.CreateDefault();

    private static (JobConfig? Config, ConfigError? Error) Parse(string? json)
    {
        if (json is null)
        {
            return JobConfigParser.Parse(null, s_operations);
        }

        using var document = JsonDocument.Parse(json);
        return JobConfigParser.Parse(document.RootElement.Clone(), s_operations);
    }

    [Test]
    public void Parse_NoConfig_SumOverOneToFortyInFourTasks()
    {
        var (config, error) = Parse(null);

        Assert.That(error, Is.Null);
        Assert.That(config, Is.EqualTo(new JobConfig("sum", 4, 0, 0, 3, JobInput.Range(1, 40))));
    }

    [Test]
    public void Parse_SeedMultiply_TenNumbersPerTaskByDefault()
    {
        var (config, _) = Parse("""{"operation":"multiply","factor":3,"task_count":5}""");

        Assert.That(config, Is.EqualTo(new JobConfig("multiply", 5, 3, 0, 3, JobInput.Range(1, 50))));
    }

    [Test]
    public void ToJson_ParsedBack_SameConfig()
    {
        var (config, _) = Parse("""{"operation":"wordcount","task_count":2,"text":"a b\nb c\n"}""");

        var (again, _) = Parse(config!.ToJson());

        Assert.That(again!.Input.Text, Is.EqualTo(config.Input.Text));
        Assert.That(again with { Input = config.Input }, Is.EqualTo(config));
    }

    [Test]
    public void Parse_TaskTimeout_DefaultUnlessGivenAndKeptThroughToJson()
    {
        var (fallback, _) = Parse("""{"operation":"sum"}""");
        var (given, _) = Parse("""{"operation":"sum","task_timeout_ms":250}""");

        var (again, _) = Parse(given!.ToJson());

        Assert.That(fallback!.TaskTimeoutMs, Is.EqualTo(JobConfig.DefaultTaskTimeoutMs));
        Assert.That((given.TaskTimeoutMs, again!.TaskTimeoutMs), Is.EqualTo((250, 250)));
    }

    [TestCase("""[1]""", "config")]
    [TestCase("""{"operation":"divide"}""", "config.operation")]
    [TestCase("""{"operation":3}""", "config.operation")]
    [TestCase("""{"task_count":0}""", "config.task_count")]
    [TestCase("""{"task_count":1000001}""", "config.task_count")]
    [TestCase("""{"task_count":2.5}""", "config.task_count")]
    [TestCase("""{"task_count":"5"}""", "config.task_count")]
    [TestCase("""{"operation":"multiply"}""", "config.factor")]
    [TestCase("""{"operation":"multiply","factor":-1}""", "config.factor")]
    [TestCase("""{"operation":"multiply","factor":"x"}""", "config.factor")]
    [TestCase("""{"operation":"sum","factor":2}""", "config.factor")]
    [TestCase("""{"operation":"sleep","sleep_ms":60001}""", "config.sleep_ms")]
    [TestCase("""{"max_retries":11}""", "config.max_retries")]
    [TestCase("""{"task_timeout_ms":9}""", "config.task_timeout_ms")]
    [TestCase("""{"task_timeout_ms":3600001}""", "config.task_timeout_ms")]
    [TestCase("""{"task_timeout_ms":-1}""", "config.task_timeout_ms")]
    [TestCase("""{"task_timeout_ms":"1000"}""", "config.task_timeout_ms")]
    [TestCase("""{"task_timeout_ms":1.5}""", "config.task_timeout_ms")]
    [TestCase("""{"colour":"red"}""", "config.colour")]
    [TestCase("""{"data":[1,"2"]}""", "config.data[1]")]
    [TestCase("""{"data":{}}""", "config.data")]
    [TestCase("""{"range":{"start":5,"end":1}}""", "config.range.end")]
    [TestCase("""{"range":{"start":1}}""", "config.range.end")]
    [TestCase("""{"range":{"start":1,"end":2000000}}""", "config.range")]
    [TestCase("""{"data":[1],"range":{"start":1,"end":2}}""", "config.range")]
    [TestCase("""{"operation":"wordcount"}""", "config.text")]
    [TestCase("""{"operation":"wordcount","data":[1]}""", "config.data")]
    [TestCase("""{"operation":"sum","text":"a"}""", "config.text")]
    [TestCase("""{"file":"/nonexistent/distsys/input.txt"}""", "config.file")]
    public void Parse_BadField_NamesTheField(string json, string field)
    {
        var (config, error) = Parse(json);

        Assert.That(config, Is.Null);
        Assert.That(error!.Field, Is.EqualTo(field), error.Detail);
    }

    [Test]
    public void Parse_FileOfNumbers_ReadsThemAtSubmitFromTheInputRoot()
    {
        var root = Directory.CreateTempSubdirectory("distsys-inputs-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "numbers.txt"), "1 2\n3,4\n");
            using var document = JsonDocument.Parse("""{"operation":"sum","file":"numbers.txt"}""");

            var (config, error) = JobConfigParser.Parse(document.RootElement, s_operations, new InputRoot(root.FullName));

            Assert.That(error, Is.Null);
            Assert.That(config!.Input.Numbers, Is.EqualTo(new double[] { 1, 2, 3, 4 }));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Test]
    public void Parse_FileWithoutAnInputRoot_Refused()
    {
        var (config, error) = Parse("""{"operation":"sum","file":"numbers.txt"}""");

        Assert.That(config, Is.Null);
        Assert.That(error!.Field, Is.EqualTo("config.file"));
        Assert.That(error.Detail, Does.Contain("no input root"));
    }

    [Test]
    public void Parse_FileThatIsNotNumbers_NeverQuotesItsContent()
    {
        var root = Directory.CreateTempSubdirectory("distsys-inputs-");
        try
        {
            const string secret = "Zq8sK2mVn4xR7tY1wE5uI9oP3aS6dF0g";
            File.WriteAllText(Path.Combine(root.FullName, "cookie"), secret);
            using var document = JsonDocument.Parse("""{"operation":"sum","file":"cookie"}""");

            var (_, error) = JobConfigParser.Parse(document.RootElement, s_operations, new InputRoot(root.FullName));

            Assert.That(error!.Field, Is.EqualTo("config.file"));
            Assert.That(error.Detail, Does.Not.Contain(secret[..8]));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
