using System.Security.Cryptography;
using DistSys.Transport.Security;

namespace DistSys.Host.Hosting.Settings;

internal static partial class NodeSettingsLoader
{
    /// <summary>tls_cert, tls_key and tls_ca come together or not at all; a half-configured TLS node must not start in the clear.</summary>
    private static ClusterTls? ReadTls(IReadOnlyList<SettingLayer> layers)
    {
        var cert = Find(layers, SettingNames.TlsCert);
        var key = Find(layers, SettingNames.TlsKey);
        var ca = Find(layers, SettingNames.TlsCa);
        if (cert is null && key is null && ca is null)
        {
            return null;
        }

        foreach (var (name, value) in new[] { (SettingNames.TlsCert, cert), (SettingNames.TlsKey, key), (SettingNames.TlsCa, ca) })
        {
            if (value is null)
            {
                Throw($"missing {SettingNames.Flag(name)}: {SettingNames.Flag(SettingNames.TlsCert)}, {SettingNames.Flag(SettingNames.TlsKey)} and {SettingNames.Flag(SettingNames.TlsCa)} go together");
            }
            else if (!File.Exists(value.Value.Value))
            {
                Throw($"invalid {name} '{value.Value.Value}' (from {value.Value.Source}): no such file");
            }
        }

        try
        {
            return ClusterTls.Load(cert!.Value.Value, key!.Value.Value, ca!.Value.Value);
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Fail<ClusterTls>($"invalid TLS files ({SettingNames.TlsCert} '{cert!.Value.Value}', {SettingNames.TlsKey}, {SettingNames.TlsCa} '{ca!.Value.Value}'): {ex.Message}");
        }
    }
}
