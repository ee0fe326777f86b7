using System.Diagnostics;

namespace DistSys.Tests.Shared;

/// <summary>
/// A throwaway PostgreSQL server for the tests that need one: <c>initdb</c> in a fresh temporary
/// directory, the postmaster started as this test's child OS process on 127.0.0.1 and a free port,
/// ready once <c>pg_isready</c> says so (polled, never a guessed sleep); disposing stops it by its pid
/// (fast shutdown, SIGKILL if it lingers) and deletes the directory. PostgreSQL refuses to run as root,
/// so under root the server runs as <c>nobody</c> (<c>setpriv</c>, which execs: the pid is the postmaster's).
/// Trust authentication on loopback only, and <c>synchronous_commit=off</c> (durable across a crash of
/// the server process, like the SQLite store's WAL with synchronous=NORMAL): a test server, nothing more.
/// </summary>
internal sealed class TestPostgres : IDisposable
{
    private const string User = "nobody";

    private readonly Process _server;
    private readonly string _directory;
    private int _databases;

    private TestPostgres(Process server, string directory, string bin, int port)
    {
        _server = server;
        _directory = directory;
        BinDirectory = bin;
        Port = port;
    }

    public int Port { get; }

    /// <summary>The postmaster's pid.</summary>
    public int Pid => _server.Id;

    public string BinDirectory { get; }

    /// <summary>Where the server's log is (for a failing test's message).</summary>
    public string LogPath => Path.Combine(_directory, "server.log");

    /// <summary>Starts a server and waits until it accepts connections; fails the test if it cannot within the liveness deadline.</summary>
    public static async Task<TestPostgres> StartAsync()
    {
        var bin = FindBinDirectory();
        var asRoot = Environment.UserName == "root";
        var directory = Directory.CreateDirectory(Path.Combine(asRoot ? ReachableRoot() : Path.GetTempPath(), $"distsys-pg-{Guid.NewGuid():N}")).FullName;
        var data = Path.Combine(directory, "data");
        try
        {
            if (asRoot)
            {
                Run("chown", [User + ":", directory]);
            }

            RunAs(asRoot, Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--no-instructions"], directory);
        }
        catch
        {
            Directory.Delete(directory, recursive: true);
            throw;
        }

        var port = FreePort.Next();
        var info = Command(asRoot, "/bin/sh",
        [
            "-c", "exec \"$@\" >>\"$0\" 2>&1", Path.Combine(directory, "server.log"), Path.Combine(bin, "postgres"), "-D", data,
            "-c", "listen_addresses=127.0.0.1", "-c", $"port={port}", "-c", "unix_socket_directories=",
            "-c", "synchronous_commit=off", "-c", "max_connections=100",
        ]);
        var server = Process.Start(info) ?? throw new InvalidOperationException("postgres did not start");
        var postgres = new TestPostgres(server, directory, bin, port);
        try
        {
            await postgres.WaitReadyAsync().ConfigureAwait(false);
            return postgres;
        }
        catch
        {
            postgres.Dispose();
            throw;
        }
    }

    /// <summary>Connection string for <paramref name="database"/> (user postgres, no password: trust on loopback).</summary>
    public string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database}";

    /// <summary>Creates a fresh, empty database and returns its connection string.</summary>
    public string CreateDatabase()
    {
        var name = $"test{Interlocked.Increment(ref _databases)}";
        Run(Path.Combine(BinDirectory, "createdb"), ["-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres", name]);
        return ConnectionString(name);
    }

    /// <summary>Runs one SQL statement through psql (for tests that tamper with the store behind a master's back).</summary>
    public string Sql(string database, string sql) =>
        Run(Path.Combine(BinDirectory, "psql"), ["-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres", "-d", database, "-At", "-v", "ON_ERROR_STOP=1", "-c", sql]);

    /// <summary>SIGSTOP to the postmaster and every backend: the store hangs with its sockets open, as a stalled or cut-off database server does.</summary>
    public void Freeze() => SignalAll("-STOP");

    /// <summary>SIGCONT: a frozen server runs again.</summary>
    public void Thaw() => SignalAll("-CONT");

    // By pid: the postmaster and its children (the backends, read from /proc), nothing else.
    private void SignalAll(string signal)
    {
        var pids = new List<string> { $"{_server.Id}" };
        foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)).Select(d => Path.Combine(d, "stat")))
        {
            try
            {
                var text = File.ReadAllText(stat);
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == $"{_server.Id}")
                {
                    pids.Add(Path.GetFileName(Path.GetDirectoryName(stat))!);
                }
            }
            catch (IOException)
            {
                // Not a process, or one that just ended.
            }
        }

        using var kill = Process.Start("kill", [signal, .. pids])!;
        kill.WaitForExit();
    }

    public void Dispose()
    {
        try
        {
            if (!_server.HasExited)
            {
                // SIGINT is PostgreSQL's fast shutdown: it ends every session and exits.
                Process.Start("kill", ["-INT", $"{_server.Id}"])?.WaitForExit();
                if (!_server.WaitForExit(TimeSpan.FromSeconds(30)))
                {
                    _server.Kill();
                    _server.WaitForExit();
                }
            }
        }
        finally
        {
            _server.Dispose();
            Directory.Delete(_directory, recursive: true);
        }
    }

    private Task WaitReadyAsync()
    {
        var isReady = Path.Combine(BinDirectory, "pg_isready");
        return Eventually.True(async () =>
        {
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with {_server.ExitCode}: {await File.ReadAllTextAsync(LogPath).ConfigureAwait(false)}");
            }

            using var probe = Process.Start(new ProcessStartInfo(isReady, ["-q", "-h", "127.0.0.1", "-p", $"{Port}", "-U", "postgres"]))!;
            await probe.WaitForExitAsync().ConfigureAwait(false);
            return probe.ExitCode == 0;
        }, $"postgres on port {Port} accepts connections");
    }

    /// <summary>
    /// A temporary directory <c>nobody</c> can reach: every ancestor must let others through (something on a
    /// shared machine may have left <c>/tmp</c> 0700), so the first of the usual places that does.
    /// </summary>
    private static string ReachableRoot()
    {
        foreach (var root in new[] { Path.GetTempPath(), "/var/tmp", "/dev/shm" })
        {
            var reachable = true;
            for (var dir = new DirectoryInfo(root); dir is not null && reachable; dir = dir.Parent)
            {
                reachable = dir.Exists && (dir.UnixFileMode & UnixFileMode.OtherExecute) != 0;
            }

            if (reachable)
            {
                return root;
            }
        }

        throw new InvalidOperationException("no temporary directory that user nobody can reach (/tmp, /var/tmp, /dev/shm)");
    }

    /// <summary>The newest installed PostgreSQL's programs (Debian keeps them under /usr/lib/postgresql/N/bin).</summary>
    private static string FindBinDirectory()
    {
        var versions = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Where(d => File.Exists(Path.Combine(d, "bin", "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).ToList()
            : [];
        return versions.Count > 0
            ? Path.Combine(versions[0], "bin")
            : throw new InvalidOperationException("PostgreSQL is not installed (Tests/prereqs.sh installs the Debian package postgresql)");
    }

    private static ProcessStartInfo Command(bool asRoot, string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(asRoot ? "setpriv" : file) { UseShellExecute = false };
        if (asRoot)
        {
            foreach (var arg in new[] { $"--reuid={User}", "--regid=nogroup", "--clear-groups", "--", file })
            {
                info.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return info;
    }

    private static void RunAs(bool asRoot, string file, IEnumerable<string> args, string workingDirectory)
    {
        var info = Command(asRoot, file, args);
        info.WorkingDirectory = workingDirectory;
        Wait(info);
    }

    private static string Run(string file, IEnumerable<string> args) => Wait(new ProcessStartInfo(file, args) { UseShellExecute = false });

    private static string Wait(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result.Trim()
            : throw new InvalidOperationException($"{info.FileName} {string.Join(' ', info.ArgumentList)} exited {process.ExitCode}: {error}");
    }
}
