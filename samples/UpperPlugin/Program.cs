using System.Buffers;
using System.Text;
using DistSys.Plugins.Sdk;

// The "upper" plugin, version 1: one operation, "upper", that answers its UTF-8 input in capitals.
// PluginHost.Run serves requests until the node stops the plugin; a job calls it as "plugin:upper".
return PluginHost.Run(new PluginDefinition("upper", "1").Operation("upper", Upper, idempotent: true));

static void Upper(ReadOnlySpan<byte> input, IBufferWriter<byte> output) =>
    output.Write(Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(input).ToUpperInvariant()));
