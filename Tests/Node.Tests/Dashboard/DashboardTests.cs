using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DistSys.Integration.Tests.Support;
using Microsoft.Playwright;

namespace DistSys.Node.Tests.Dashboard;

/// <summary>
/// GET /dashboard in a real browser (Debian's Chromium driven by Playwright) against a real master and
/// worker: the page asks for the token, lists the worker, follows a job to completed, cancels a running
/// job by its button (the API then says cancelled), renders the topology section, and shows the master's
/// supervision tree and top processes. Screenshots go to the test's output directory (dashboard-*.png).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class DashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private TestCluster _cluster = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task StartBrowserAsync()
    {
        if (!File.Exists(Chromium))
        {
            Assert.Fail($"{Chromium} is missing: Tests/prereqs.sh installs it (make test-node)");
        }

        _playwright = await Playwright.CreateAsync();
        // --no-sandbox: the tests run as root, where Chromium's own sandbox refuses to start.
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
    }

    [OneTimeTearDown]
    public async Task StopBrowserAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }

    [SetUp]
    public void SetUp() => _cluster = new TestCluster();

    [TearDown]
    public async Task TearDown() => await _cluster.DisposeAsync();

    [Test]
    public async Task Dashboard_WithTheToken_ListsWorkersFollowsAJobAndCancelsOne()
    {
        var (master, page) = await OpenWithAWorkerAsync();
        await page.Locator("tr.worker[data-id='worker1']").WaitForAsync();
        var quick = await SubmitAsync(master, """{"operation":"multiply","factor":3,"task_count":4}""");
        await page.Locator($"tr.job[data-id='{quick}'][data-status='completed']").WaitForAsync();
        await ScreenshotAsync(page, "completed");

        var slow = await SubmitAsync(master, """{"operation":"sleep","sleep_ms":60000,"task_count":2,"task_timeout_ms":120000}""");
        await page.Locator($"tr.job[data-id='{slow}'][data-status='running'] button.cancel").ClickAsync();
        await master.WaitUntilAsync(async () => (await master.GetJsonAsync($"/api/jobs/{slow}")).GetProperty("status").GetString() == "cancelled",
            $"job {slow} cancelled through its button");
        await page.Locator($"tr.job[data-id='{slow}'][data-status='cancelled']").WaitForAsync();
        await page.Locator("#topologies-section").WaitForAsync();
        await page.Locator("#supervision li.sup-node[data-id='node_supervisor'] li.sup-node").First.WaitForAsync();
        await page.Locator("#top-handled tr.process").First.WaitForAsync();
        await ScreenshotAsync(page, "cancelled");

        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("#members").InnerTextAsync(), Does.Contain("master").And.Contain("worker1"));
            Assert.That(await page.Locator("#topologies").InnerTextAsync(), Does.Contain("no streaming topology"));
            Assert.That(await page.Locator("#supervision-node").TextContentAsync(), Is.EqualTo("master"));
            Assert.That(await page.Locator("#top-node").TextContentAsync(), Is.EqualTo("master"));
            Assert.That(await page.Locator("#top-mailbox tr.process").CountAsync(), Is.InRange(1, 10), "the top 10 by mailbox");
            // The busiest process has handled messages (the scheduler ran two jobs): the figure is real, not a placeholder.
            var handled = await page.Locator("#top-handled tr.process >> nth=0 >> td >> nth=5").InnerTextAsync();
            Assert.That(long.Parse(handled, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThan(0));
            Assert.That(await page.EvaluateAsync<string>("() => sessionStorage.getItem('distsys.token')"), Is.EqualTo(TestCluster.ApiToken));
            Assert.That(await page.EvaluateAsync<string>("() => document.cookie"), Is.Empty, "no cookie");
        });
    }

    [Test]
    public async Task Dashboard_RetryButton_RunsAFailedJobAgain()
    {
        var (master, page) = await OpenWithAWorkerAsync();

        // Deterministic failure: its one attempt outlives its timeout and it has no retries. The timeout (2 s)
        // outlasts two of the page's polls, so the page sees the retried job running.
        var doomed = await SubmitAsync(master, """{"operation":"sleep","sleep_ms":60000,"task_count":1,"task_timeout_ms":2000,"max_retries":0}""");
        await page.Locator($"tr.job[data-id='{doomed}'][data-status='failed'] button.retry").ClickAsync();
        await master.WaitUntilAsync(async () => (await master.GetJsonAsync($"/api/jobs/{doomed}")).GetProperty("status").GetString() is "pending" or "running",
            $"job {doomed} queued again through its Retry button");
        await page.Locator($"tr.job[data-id='{doomed}'][data-status='running']").WaitForAsync();
        await ScreenshotAsync(page, "retried");

        // Its second run has a fresh budget of one attempt, which times out too: failed again, after attempt 2.
        await page.Locator($"tr.job[data-id='{doomed}'][data-status='failed'] button.retry").WaitForAsync();
        var job = await master.GetJsonAsync($"/api/jobs/{doomed}");
        Assert.Multiple(() =>
        {
            Assert.That(job.GetProperty("attempts").GetInt32(), Is.EqualTo(2), job.ToString());
            Assert.That(job.GetProperty("error").GetString(), Does.Contain("attempt 2 of 2"), job.ToString());
        });
    }

    [Test]
    public async Task Dashboard_WrongToken_AsksAgain()
    {
        var master = _cluster.StartMaster();
        await master.WaitForHealthyAsync();
        var page = await _browser.NewPageAsync();
        page.SetDefaultTimeout((float)Eventually.Liveness.TotalMilliseconds);

        await page.GotoAsync(new Uri(master.BaseAddress, "/dashboard").ToString());
        await page.FillAsync("#token", "not-the-token-0123456789");
        await page.ClickAsync("#login-form button");
        await page.Locator("#error", new() { HasText = "refused" }).WaitForAsync();

        Assert.That(await page.Locator("#login").IsVisibleAsync(), Is.True);
    }

    /// <summary>A master and worker1, healthy, and the master's page logged in with the token.</summary>
    private async Task<(NodeProcess Master, IPage Page)> OpenWithAWorkerAsync()
    {
        var master = _cluster.StartMaster();
        var worker = _cluster.StartWorker("worker1");
        await TestCluster.WhenHealthyAsync(master, worker);
        var page = await _browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 1000 } });
        page.SetDefaultTimeout((float)Eventually.Liveness.TotalMilliseconds);
        await page.GotoAsync(new Uri(master.BaseAddress, "/dashboard").ToString());
        await page.FillAsync("#token", TestCluster.ApiToken);
        await page.ClickAsync("#login-form button");
        return (master, page);
    }

    // Under the test's work directory (bin/, ignored by git), and attached to the test's result.
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var path = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"dashboard-{name}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        TestContext.AddTestAttachment(path);
    }

    private static async Task<string> SubmitAsync(NodeProcess master, string config)
    {
        var content = new StringContent($$"""{"name":"dashboard","type":"batch","config":{{config}}}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = master.Request(HttpMethod.Post, "/api/jobs", content);
        using var response = await NodeProcess.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), text);
        return System.Text.Json.JsonDocument.Parse(text).RootElement.GetProperty("job_id").GetString()!;
    }
}
