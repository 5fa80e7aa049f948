using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>What `qedge provision broker` is asked for.</summary>
public sealed record BrokerProvisioningOptions
{
    public required string Site { get; init; }
    public required string CaDir { get; init; }
    public required string OutDir { get; init; }

    /// <summary>The names gateways and tools reach the broker by (DNS or IP); each goes in the certificate's SAN.</summary>
    public required IReadOnlyList<string> Names { get; init; }

    public int Port { get; init; } = 8883;

    /// <summary>Address the listener binds to; empty = every interface.</summary>
    public string BindAddress { get; init; } = "";

    /// <summary>Where the files will live on the broker host (the configuration names them by absolute path).</summary>
    public string InstallDir { get; init; } = "/etc/mosquitto/qinshui";

    public int ValidityYears { get; init; } = 3;

    /// <summary>Operators written into the ACL now (more later with `qedge provision operator --acl`).</summary>
    public IReadOnlyList<OperatorName> Operators { get; init; } = [];
}

/// <summary>
/// The broker side of the site's mutual TLS (issue 15 #9): the broker's server certificate from the
/// site CA, and a Mosquitto configuration in which the certificate is the identity.
/// <list type="bullet">
/// <item><c>require_certificate true</c>: a client without a certificate from the site CA never gets past TLS.</item>
/// <item><c>use_identity_as_username true</c>: the certificate's CN is the MQTT username, so a gateway
/// cannot claim another's name with a CONNECT field (a username-based ACL with passwords let A write B's topics).</item>
/// <item>a pattern ACL: a gateway (CN = its id) writes only its own topics and reads only its own
/// <c>cmd</c>; operators (CN <c>operator:NAME</c>) read the site and write commands; viewers
/// (CN <c>viewer:NAME</c>, the monitor, web view and MT/T 1201 bridge) only read.</item>
/// </list>
/// One listener serves one site: the ACL's patterns carry the site, and the listener trusts that site's CA only.
/// </summary>
public static class BrokerProvisioning
{
    public const string CaFile = "ca.pem";
    public const string CertificateFile = "broker.pem";
    public const string KeyFile = "broker.key";
    public const string ConfigFile = "qinshui.conf";
    public const string AclFile = "acl";

    /// <summary>What a gateway publishes (its own topics); cmd it only reads.</summary>
    private static readonly MessageKind[] s_gatewayWrites =
        [MessageKind.Birth, MessageKind.Data, MessageKind.Alarm, MessageKind.Event, MessageKind.Health, MessageKind.State, MessageKind.Reply, MessageKind.Meta];

    /// <summary>Writes broker.pem, broker.key, ca.pem, qinshui.conf, acl and README.md to OutDir; returns the certificate's summary line.</summary>
    public static string Write(BrokerProvisioningOptions o)
    {
        if (!MqttTopics.IsValidId(o.Site)) throw new UsageException($"site '{o.Site}' is not a valid id (1–32 of a–z, A–Z, 0–9, '-', '_')");
        if (o.Names.Count == 0) throw new UsageException("name at least one host name or address the gateways use to reach the broker (--name)");
        foreach (var n in o.Names)
            if (Uri.CheckHostName(n) == UriHostNameType.Unknown) throw new UsageException($"'{n}' is not a host name or an IP address");
        if (o.Port is < 1 or > 65535) throw new UsageException("--port is 1–65535");
        if (!o.InstallDir.StartsWith('/')) throw new UsageException("--install-dir must be an absolute path on the broker host (Mosquitto reads the files from there)");
        if (Directory.Exists(o.OutDir) && Directory.EnumerateFileSystemEntries(o.OutDir).Any())
            throw new UsageException($"{o.OutDir} is not empty; the broker's key is never overwritten silently");

        using var ca = SiteCertificates.LoadOrCreateCa(o.CaDir, o.Site, out _);
        var (cert, key) = SiteCertificates.IssueBroker(ca, o.Site, o.Names, o.ValidityYears);
        using (cert)
        using (key)
        {
            Directory.CreateDirectory(o.OutDir);
            File.WriteAllText(Path.Combine(o.OutDir, CaFile), ca.ExportCertificatePem() + "\n");
            File.WriteAllText(Path.Combine(o.OutDir, CertificateFile), cert.ExportCertificatePem() + "\n");
            SiteCertificates.WritePrivate(Path.Combine(o.OutDir, KeyFile), key.ExportPkcs8PrivateKeyPem() + "\n");
            File.WriteAllText(Path.Combine(o.OutDir, ConfigFile), MosquittoConfig(o));
            File.WriteAllText(Path.Combine(o.OutDir, AclFile), Acl(o.Site, o.Operators));
            File.WriteAllText(Path.Combine(o.OutDir, "README.md"), Readme(o, cert));
            return $"broker certificate CN={o.Names[0]}, SAN {string.Join(", ", o.Names)}, valid to {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}, sha256 {cert.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant()}";
        }
    }

    /// <summary>A Mosquitto 2.x configuration snippet (for /etc/mosquitto/conf.d/): one TLS listener, certificates as identities.</summary>
    public static string MosquittoConfig(BrokerProvisioningOptions o)
    {
        string dir = o.InstallDir.TrimEnd('/');
        var c = new StringBuilder();
        c.AppendLine($"# Qinshui.Edge site {o.Site}: written by `qedge provision broker`.");
        c.AppendLine("# Every client shows a certificate from the site CA; its CN is its MQTT username (a gateway's id,");
        c.AppendLine("# operator:NAME or viewer:NAME) and the ACL decides what it may read and write.");
        c.AppendLine(o.BindAddress.Length > 0
            ? $"listener {o.Port.ToString(CultureInfo.InvariantCulture)} {o.BindAddress}"
            : $"listener {o.Port.ToString(CultureInfo.InvariantCulture)}");
        c.AppendLine($"cafile {dir}/{CaFile}");
        c.AppendLine($"certfile {dir}/{CertificateFile}");
        c.AppendLine($"keyfile {dir}/{KeyFile}");
        c.AppendLine("tls_version tlsv1.2");
        c.AppendLine("require_certificate true");
        c.AppendLine("use_identity_as_username true");
        c.AppendLine("allow_anonymous false");
        c.AppendLine($"acl_file {dir}/{AclFile}");
        return c.ToString();
    }

    /// <summary>The ACL: the gateway patterns, then one section per operator or viewer.</summary>
    public static string Acl(string site, IEnumerable<OperatorName> operators)
    {
        var a = new StringBuilder();
        a.AppendLine($"# Qinshui.Edge site {site}: written by `qedge provision broker`; operators added by `qedge provision operator --acl`.");
        a.AppendLine("# Gateways (certificate CN = gateway id = %u): publish only their own topics, read only their own commands.");
        foreach (var kind in s_gatewayWrites)
            a.AppendLine($"pattern write {MqttTopics.Root}/{site}/%u/{MqttTopics.KindName(kind)}");
        a.AppendLine($"pattern read {MqttTopics.Root}/{site}/%u/{MqttTopics.KindName(MessageKind.Cmd)}");
        foreach (var op in operators) a.Append(OperatorSection(site, op));
        return a.ToString();
    }

    /// <summary>An operator reads the whole site and writes commands (and the signed commissioning record on …/event); a viewer only reads.</summary>
    public static string OperatorSection(string site, OperatorName op)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine($"user {op.CommonName}");
        s.AppendLine($"topic read {MqttTopics.Root}/{site}/#");
        if (op.MayCommand)
        {
            s.AppendLine($"topic write {MqttTopics.Root}/{site}/+/{MqttTopics.KindName(MessageKind.Cmd)}");
            s.AppendLine($"topic write {MqttTopics.Root}/{site}/+/{MqttTopics.KindName(MessageKind.Event)}");
        }
        return s.ToString();
    }

    /// <summary>Adds the operator's section to an existing ACL file (atomically; a name already there is left as it is).</summary>
    /// <returns>false when the ACL already had a section for that name.</returns>
    public static bool AddOperator(string aclFile, string site, OperatorName op)
    {
        string text = File.ReadAllText(aclFile);
        if (!text.Contains($"{MqttTopics.Root}/{site}/%u/", StringComparison.Ordinal))
            throw new UsageException($"{aclFile} is not the ACL of site {site} (written by `qedge provision broker --site {site}`)");
        foreach (var line in text.Split('\n'))
        {
            string t = line.Trim();
            if (t.StartsWith("user ", StringComparison.Ordinal) && t[5..].Trim() == op.CommonName) return false;
        }
        AtomicFile.Write(aclFile, Encoding.UTF8.GetBytes(text.TrimEnd('\n') + "\n" + OperatorSection(site, op)));
        return true;
    }

    private static string Readme(BrokerProvisioningOptions o, X509Certificate2 cert) => $$"""
        # Broker files for site {{o.Site}}

        Written by `qedge provision broker`. broker.key is secret: copy it to the broker host only.

        | file | what | goes to |
        |---|---|---|
        | ca.pem | the site CA; the broker trusts client certificates from it alone | `{{o.InstallDir}}/ca.pem` |
        | broker.pem | the broker's server certificate, SAN {{string.Join(", ", o.Names)}}, valid to {{cert.NotAfter.ToUniversalTime():yyyy-MM-dd}} | `{{o.InstallDir}}/broker.pem` |
        | broker.key | its private key (PKCS#8 PEM, mode 0600; owner mosquitto) | `{{o.InstallDir}}/broker.key` |
        | acl | gateways write only their own topics and read only their own cmd; operators/viewers by name | `{{o.InstallDir}}/acl` |
        | qinshui.conf | the TLS listener on port {{o.Port}}: require_certificate, use_identity_as_username, the ACL | `/etc/mosquitto/conf.d/qinshui.conf` |

        On the broker host (Debian mosquitto 2.x):

            sudo install -d -o mosquitto -m 0750 {{o.InstallDir}}
            sudo install -o mosquitto -m 0644 ca.pem broker.pem acl {{o.InstallDir}}/
            sudo install -o mosquitto -m 0600 broker.key {{o.InstallDir}}/
            sudo install -m 0644 qinshui.conf /etc/mosquitto/conf.d/
            sudo systemctl restart mosquitto

        Add an operator (read + commands) or a viewer (read only) later with
        `qedge provision operator --site {{o.Site}} --ca-dir CA --name NAME [--viewer] --out DIR --acl {{o.InstallDir}}/acl`
        on a copy of the ACL, copy it back, and `sudo systemctl reload mosquitto` (Mosquitto rereads the ACL on SIGHUP).

        Check a gateway's access with its bundle:
        `mosquitto_sub -h {{o.Names[0]}} -p {{o.Port}} --cafile ca.pem --cert client.pem --key client.key -t 'qinshui/v1/{{o.Site}}/GATEWAY/cmd' -v`
        """;
}
