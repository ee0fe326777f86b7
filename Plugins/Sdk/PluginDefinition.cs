using System.Buffers;
using DistSys.Plugins.Sdk.Protocol;
using MessagePack;

namespace DistSys.Plugins.Sdk;

/// <summary>
/// What a plugin is: its name, its version and its operations, plus an optional health check. Built
/// fluently in the plugin's Main and handed to <see cref="PluginHost.Run"/>.
/// </summary>
public sealed class PluginDefinition
{
    private readonly List<PluginOperation> _operations = [];

    /// <summary>Names the plugin; both must be short ASCII identifiers (letters, digits, '-', '_', '.'; at most 64 bytes).</summary>
    public PluginDefinition(string name, string version)
    {
        PluginHello.ValidateName(name, nameof(name));
        PluginHello.ValidateName(version, nameof(version));
        Name = name;
        Version = version;
    }

    /// <summary>The plugin's name, e.g. "wordfreq".</summary>
    public string Name { get; }

    /// <summary>The plugin's version, e.g. "1.0"; the node checks it against the version it deployed.</summary>
    public string Version { get; }

    /// <summary>The operations, in the order the node addresses them (read by the request loop).</summary>
    internal IReadOnlyList<PluginOperation> Operations => _operations;

    /// <summary>Answers the node's health check; null means healthy once the request loop runs.</summary>
    public Func<bool>? HealthCheck { get; private set; }

    /// <summary>Adds an operation over raw bytes.</summary>
    /// <param name="name">What callers ask for (ASCII letters, digits, '-', '_', '.'; at most 64 bytes).</param>
    /// <param name="handler">The code that answers it.</param>
    /// <param name="idempotent">
    /// True when running it twice is harmless: the node then retries it once on a restarted instance if the
    /// instance dies mid-request; otherwise such a request fails.
    /// </param>
    public PluginDefinition Operation(string name, OperationHandler handler, bool idempotent = false)
    {
        PluginHello.ValidateName(name, nameof(name));
        ArgumentNullException.ThrowIfNull(handler);
        if (_operations.Count >= PluginHello.MaxOperations || _operations.Exists(op => op.Name == name))
        {
            throw new ArgumentException($"operation '{name}' is a duplicate or one too many (at most {PluginHello.MaxOperations})", nameof(name));
        }

        _operations.Add(new PluginOperation(name, handler, idempotent));
        return this;
    }

    /// <summary>
    /// Adds an operation whose request and response are MessagePack values; the parameters are those of
    /// <see cref="Operation(string, OperationHandler, bool)"/>.
    /// </summary>
    public PluginDefinition Operation<TIn, TOut>(string name, Func<TIn, TOut> handler, bool idempotent = false)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var options = MessagePackSerializerOptions.Standard.WithSecurity(MessagePackSecurity.UntrustedData);
        return Operation(
            name,
            (input, output) =>
            {
                var request = MessagePackSerializer.Deserialize<TIn>(new ReadOnlySequence<byte>(input.ToArray()), options);
                MessagePackSerializer.Serialize(output, handler(request), options);
            },
            idempotent);
    }

    /// <summary>Sets the health check the node runs before it routes requests to a new instance.</summary>
    public PluginDefinition WithHealthCheck(Func<bool> check)
    {
        HealthCheck = check ?? throw new ArgumentNullException(nameof(check));
        return this;
    }
}
