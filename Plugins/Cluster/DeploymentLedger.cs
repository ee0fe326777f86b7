using System.Text.Json;
using DistSys.Plugins.Store;

namespace DistSys.Plugins.Cluster;

/// <summary>
/// The deploy history of each plugin on this node (the deploy commands that succeeded: a deploy pushes, a
/// rollback pops, a stop clears), kept in <c>STORE/deployments.json</c> so a restarted node runs the same
/// versions again (<see cref="ClusterPluginControl.StartAsync"/>) and a restarted master still syncs its
/// workers. The file is written whole (temporary file, fsync, rename) after every change. It is read back
/// as hostile input: at most <see cref="MaxFileBytes"/>, every name, version, sha256 and entry checked, and
/// a plugin's packages are verified against their sha256 before anything runs (the caller's job).
/// </summary>
internal sealed class DeploymentLedger
{
    /// <summary>Versions kept per plugin (the oldest dropped beyond): what a restarted node can roll back through.</summary>
    public const int MaxHistory = 8;

    /// <summary>Plugins kept; a deploy of one more is still run, just not remembered across a restart.</summary>
    public const int MaxPlugins = 256;

    /// <summary>The largest ledger file read: far above what <see cref="MaxPlugins"/> × <see cref="MaxHistory"/> entries need.</summary>
    public const int MaxFileBytes = 1 << 20;

    private readonly Dictionary<string, List<PluginCommand>> _plugins = new(StringComparer.Ordinal);
    private readonly string _path;

    private DeploymentLedger(string path) => _path = path;

    /// <summary>The ledger of <paramref name="store"/>; <paramref name="refused"/> says what of the file was not taken, and why.</summary>
    public static DeploymentLedger Open(PluginStore store, out IReadOnlyList<string> refused)
    {
        ArgumentNullException.ThrowIfNull(store);
        var ledger = new DeploymentLedger(Path.Combine(store.Root, "deployments.json"));
        refused = ledger.Load();
        return ledger;
    }

    /// <summary>Each plugin's history, oldest first, the active version last.</summary>
    public IReadOnlyList<IReadOnlyList<PluginCommand>> Histories()
    {
        lock (_plugins)
        {
            return [.. _plugins.Values.Select(history => (IReadOnlyList<PluginCommand>)[.. history])];
        }
    }

    /// <summary>The deploy command of each plugin's active version.</summary>
    public IReadOnlyList<PluginCommand> Active()
    {
        lock (_plugins)
        {
            return [.. _plugins.Values.Select(history => history[^1])];
        }
    }

    /// <summary>Records a command that succeeded on this node and writes the file.</summary>
    public void Apply(PluginCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        lock (_plugins)
        {
            switch (command.Kind)
            {
                case PluginCommandKind.Deploy when command is { Version: not null, Sha256: not null, Entry: not null }:
                    if (_plugins.TryGetValue(command.Name, out var history))
                    {
                        history.Add(command);
                        if (history.Count > MaxHistory)
                        {
                            history.RemoveAt(0);
                        }
                    }
                    else if (_plugins.Count < MaxPlugins)
                    {
                        _plugins[command.Name] = [command];
                    }

                    break;
                case PluginCommandKind.Rollback when _plugins.TryGetValue(command.Name, out var versions) && versions.Count > 1:
                    versions.RemoveAt(versions.Count - 1);
                    break;
                case PluginCommandKind.Stop:
                    _plugins.Remove(command.Name);
                    break;
                default:
                    return;
            }

            Save();
        }
    }

    /// <summary>Replaces a plugin's history with what could be restored (empty: forgets it) and writes the file.</summary>
    public void Restored(string name, IReadOnlyList<PluginCommand> history)
    {
        lock (_plugins)
        {
            if (history.Count == 0)
            {
                _plugins.Remove(name);
            }
            else
            {
                _plugins[name] = [.. history];
            }

            Save();
        }
    }

    private List<string> Load()
    {
        var refused = new List<string>();
        var file = new FileInfo(_path);
        if (!file.Exists)
        {
            return refused;
        }

        if (file.LinkTarget is not null || file.Length > MaxFileBytes)
        {
            refused.Add($"{_path} is a link or larger than {MaxFileBytes} bytes: ignored");
            return refused;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(_path), new JsonDocumentOptions { MaxDepth = 8 });
            if (!document.RootElement.TryGetProperty("plugins", out var plugins) || plugins.ValueKind != JsonValueKind.Array)
            {
                refused.Add($"{_path} has no \"plugins\" array: ignored");
                return refused;
            }

            foreach (var plugin in plugins.EnumerateArray().Take(MaxPlugins))
            {
                var history = ReadHistory(plugin, out var problem);
                if (history is null)
                {
                    refused.Add(problem!);
                }
                else
                {
                    _plugins[history[0].Name] = history;
                }
            }
        }
        catch (JsonException malformed)
        {
            refused.Add($"{_path} is not valid JSON ({malformed.Message}): ignored");
        }

        return refused;
    }

    private List<PluginCommand>? ReadHistory(JsonElement plugin, out string? problem)
    {
        problem = null;
        if (plugin.ValueKind != JsonValueKind.Object || Text(plugin, "name") is not { } name
            || !plugin.TryGetProperty("history", out var entries) || entries.ValueKind != JsonValueKind.Array
            || entries.GetArrayLength() is 0 or > MaxHistory)
        {
            problem = "an entry without a name or with no (or too long a) history: ignored";
            return null;
        }

        var history = new List<PluginCommand>();
        foreach (var entry in entries.EnumerateArray())
        {
            if (entry.ValueKind != JsonValueKind.Object || Text(entry, "version") is not { } version
                || Text(entry, "sha256") is not { } sha || Text(entry, "entry") is not { } program)
            {
                problem = $"plugin '{name}': a version without version, sha256 or entry: ignored";
                return null;
            }

            try
            {
                PluginStore.CheckNames(name, version);
            }
            catch (ArgumentException invalid)
            {
                problem = $"plugin entry: {invalid.Message}: ignored";
                return null;
            }

            if (!PluginStore.IsSha256(sha) || _plugins.ContainsKey(name))
            {
                problem = $"plugin '{name}': a bad sha256 or a second entry: ignored";
                return null;
            }

            // The entry itself is checked by PluginStore.Spec when the version is started.
            history.Add(new PluginCommand(PluginCommandKind.Deploy, name, version, sha, program));
        }

        return history;
    }

    private static string? Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 and <= 255 } text ? text : null;

    private void Save()
    {
        var temporary = _path + ".tmp";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            using (var writer = new Utf8JsonWriter(file))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("plugins");
                foreach (var (name, history) in _plugins.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", name);
                    writer.WriteStartArray("history");
                    foreach (var command in history)
                    {
                        writer.WriteStartObject();
                        writer.WriteString("version", command.Version);
                        writer.WriteString("sha256", command.Sha256);
                        writer.WriteString("entry", command.Entry);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            file.Flush(flushToDisk: true);
        }

        File.Move(temporary, _path, overwrite: true);
    }
}
