using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace DistSys.Transport.Security;

/// <summary>
/// Mutual TLS for cluster links and the node's HTTPS: this node's certificate and the one CA that every
/// peer certificate must chain to (docs/security.md, "Cluster links and TLS"). The system's roots are
/// never consulted: a certificate from any other CA, however public, is refused. Cluster links select
/// ALPN <see cref="ClusterProtocol"/>; the cookie handshake still runs inside the TLS stream.
/// </summary>
public sealed class ClusterTls : IDisposable
{
    /// <summary>The ALPN protocol id of a cluster link; anything else on a TLS port is HTTP.</summary>
    public static readonly SslApplicationProtocol ClusterProtocol = new("distsys/1");

    private readonly X509Certificate2Collection _authorities;

    /// <summary>Uses <paramref name="certificate"/> (with its private key) and trusts only <paramref name="authorities"/>.</summary>
    public ClusterTls(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(authorities);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The node certificate needs its private key.", nameof(certificate));
        }

        if (authorities.Count == 0)
        {
            throw new ArgumentException("At least one CA certificate is needed.", nameof(authorities));
        }

        Certificate = certificate;
        _authorities = authorities;
    }

    /// <summary>This node's certificate, presented as server and as client.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Loads PEM files: the node certificate, its private key and the CA certificate(s).</summary>
    /// <exception cref="CryptographicException">A file is not the PEM it should be, or the key does not match the certificate.</exception>
    public static ClusterTls Load(string certificateFile, string keyFile, string authorityFile)
    {
        var certificate = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(authorityFile);
        if (authorities.Count == 0)
        {
            certificate.Dispose();
            throw new CryptographicException($"'{authorityFile}' holds no PEM certificate.");
        }

        return new ClusterTls(certificate, authorities);
    }

    /// <summary>
    /// True when <paramref name="certificate"/> chains to our CA, checked with a custom trust store that
    /// holds only that CA. Revocation is not checked: a test cluster's CA publishes no lists, and removing a
    /// node means issuing a new CA (docs/security.md).
    /// </summary>
    public bool IsTrusted(X509Certificate? certificate) => ChainsTo(certificate, _authorities);

    /// <summary>True when <paramref name="certificate"/> chains to one of <paramref name="authorities"/>, and to nothing else (no system roots).</summary>
    public static bool ChainsTo(X509Certificate? certificate, X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        if (certificate is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        var presented = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        try
        {
            return chain.Build(presented);
        }
        finally
        {
            if (!ReferenceEquals(presented, certificate))
            {
                presented.Dispose();
            }
        }
    }

    /// <summary>
    /// Options for dialling a cluster link: our certificate, ALPN distsys/1, and the server judged by our
    /// CA alone. The name is not matched against the dialled address (a node may be reached by any of its
    /// addresses); which node it is, the cookie handshake proves inside the stream.
    /// </summary>
    public SslClientAuthenticationOptions ClientOptions(string targetHost) => new()
    {
        TargetHost = targetHost,
        ApplicationProtocols = [ClusterProtocol],
        ClientCertificates = new X509CertificateCollection { Certificate },
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => IsTrusted(certificate),
    };

    /// <summary>
    /// Options for accepting on the node's port. A client certificate is asked for and, when given, must
    /// chain to our CA; one may be absent at this stage because HTTP clients authenticate with the API
    /// token instead. A cluster link without one is refused right after the TLS handshake
    /// (<see cref="IsClusterPeer"/>).
    /// </summary>
    public SslServerAuthenticationOptions ServerOptions(List<SslApplicationProtocol> protocols) => new()
    {
        ServerCertificate = Certificate,
        ApplicationProtocols = protocols,
        ClientCertificateRequired = true,
        CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
        RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is null || IsTrusted(certificate),
    };

    /// <summary>True when an accepted TLS stream may carry the cluster protocol: ALPN distsys/1 and a client certificate (already checked against the CA).</summary>
    public static bool IsClusterPeer(SslApplicationProtocol negotiated, X509Certificate? clientCertificate) =>
        negotiated == ClusterProtocol && clientCertificate is not null;

    /// <inheritdoc/>
    public void Dispose()
    {
        Certificate.Dispose();
        foreach (var authority in _authorities)
        {
            authority.Dispose();
        }
    }
}
