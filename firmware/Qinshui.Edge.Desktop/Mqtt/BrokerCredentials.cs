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
    public MqttClientOptionsBuilder Apply(MqttClientOptionsBuilder b, string host) =>
        ApplyTls(b, Ca, Client, host, why => Refusal = why);

    /// <summary>
    /// The one place TLS to a site broker is set up, for the tools and the gateway's own link (MqttNetLink):
    /// the site CA as the only anchor, BrokerCertificateCheck on the presented certificate (chain, serverAuth,
    /// the name), and the client certificate when there is one. refused hears why a broker was refused.
    /// </summary>
    public static MqttClientOptionsBuilder ApplyTls(MqttClientOptionsBuilder b, X509Certificate2 ca, X509Certificate2? client, string host, Action<string> refused) =>
        b.WithTlsOptions(t =>
        {
            t.UseTls(true);
            t.WithTargetHost(host);
            t.WithTrustChain(new X509Certificate2Collection(ca));
            t.WithCertificateValidationHandler(args =>
            {
                if (BrokerCertificateCheck.IsAcceptable(ca, args.Certificate, host, out string why)) return true;
                refused(why);
                return false;
            });
            if (client != null) t.WithClientCertificates(new X509Certificate2Collection(client));
        });

    public void Dispose()
    {
        Ca.Dispose();
        Client?.Dispose();
    }
}
