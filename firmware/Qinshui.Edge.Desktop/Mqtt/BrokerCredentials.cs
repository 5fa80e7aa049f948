using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MQTTnet;

namespace Qinshui.Edge.Desktop.Mqtt;

/// <summary>
/// How a technician's tool (config push, commission, monitor, web, bridge) proves itself to the
/// site broker and checks the broker (issue 15 #9): the site CA as the only trust anchor for the
/// broker's certificate (BrokerCertificateCheck: chain, serverAuth, the name in the URL), and the
/// operator's client certificate from `qedge provision operator` for mutual TLS.
/// </summary>
public sealed class BrokerCredentials : IDisposable
{
    private BrokerCredentials(X509Certificate2 ca, X509Certificate2? client)
    {
        Ca = ca;
        Client = client;
    }

    public X509Certificate2 Ca { get; }
    public X509Certificate2? Client { get; }

    /// <summary>Why the broker's certificate was refused on the last connection attempt; null if it was not.</summary>
    public string? Refusal { get; private set; }

    /// <summary>Loads --ca, and --cert/--key when given (both or neither); a clear UsageException for each way it can be wrong.</summary>
    public static BrokerCredentials Load(string caFile, string? certFile, string? keyFile)
    {
        if ((certFile == null) != (keyFile == null)) throw new UsageException("--cert and --key go together (the operator's certificate and its private key)");
        var ca = LoadCertificate(caFile, "--ca");
        X509Certificate2? client = null;
        if (certFile != null)
        {
            foreach (var f in new[] { certFile, keyFile! })
                if (!File.Exists(f)) throw new UsageException($"{f} does not exist");
            try
            {
                // Through PKCS#12: SslStream on Linux wants the key held as it would be from a store, not an ephemeral PEM key.
                using var pem = X509Certificate2.CreateFromPemFile(certFile, keyFile);
                client = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pfx), null);
            }
            catch (CryptographicException e)
            {
                ca.Dispose();
                throw new UsageException($"{certFile} / {keyFile}: not a certificate and its matching private key in PEM: {e.Message}");
            }
        }
        return new BrokerCredentials(ca, client);
    }

    public static BrokerCredentials From(X509Certificate2 ca, X509Certificate2? client) => new(ca, client);

    private static X509Certificate2 LoadCertificate(string file, string option)
    {
        if (!File.Exists(file)) throw new UsageException($"{option} {file} does not exist");
        try
        {
            return X509Certificate2.CreateFromPem(File.ReadAllText(file));
        }
        catch (CryptographicException e)
        {
            throw new UsageException($"{option} {file} is not a PEM certificate: {e.Message}");
        }
    }

    /// <summary>TLS to host with these credentials: the broker must present a server certificate for host from the site CA.</summary>
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder b, string host) => b.WithTlsOptions(t =>
    {
        t.UseTls(true);
        t.WithTargetHost(host);
        t.WithTrustChain(new X509Certificate2Collection(Ca));
        t.WithCertificateValidationHandler(args =>
        {
            if (BrokerCertificateCheck.IsAcceptable(Ca, args.Certificate, host, out string why)) return true;
            Refusal = why;
            return false;
        });
        if (Client != null) t.WithClientCertificates(new X509Certificate2Collection(Client));
    });

    public void Dispose()
    {
        Ca.Dispose();
        Client?.Dispose();
    }
}
