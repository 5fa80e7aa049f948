using System.Security.Cryptography;
using System.Text.Json;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Desktop.Platform;

/// <summary>
/// What `qedge provision` asks for: the site and gateway ids (already checked as MQTT topic ids), the
/// site CA folder, the bundle folder, the broker (empty host: filled in later), the network, an
/// optional configuration to seal into the bundle, and the certificate's validity.
/// </summary>
public sealed record ProvisionOptions(string Site, string Gateway, string CaDir, string OutDir, string BrokerHost, string BrokerPort, string Network,
    string? ConfigFile, int Years, bool Force);

/// <summary>
/// A gateway's identity — a client certificate and key signed by the site CA (created in the CA
/// folder on first use, reused after), a random 32-byte HMAC key for commands, permits and
/// configurations, and a bundle directory with the files the firmware reads from I:\qe
/// (docs/firmware.md) and a README of how to flash them. A bundle holds secrets: a folder that is
/// not empty is never overwritten without Force.
/// </summary>
public static class Provisioning
{
    public static ToolOutcome Run(ProvisionOptions o, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        string site = o.Site, gateway = o.Gateway, caDir = o.CaDir, outDir = o.OutDir, network = o.Network, brokerHost = o.BrokerHost, brokerPort = o.BrokerPort;
        int years = o.Years;
        if (Directory.Exists(outDir) && Directory.EnumerateFileSystemEntries(outDir).Any() && !o.Force)
        {
            stderr.WriteLine($"qedge provision: {outDir} is not empty; a bundle holds secrets, so it is never overwritten silently (use --force)");
            return ToolOutcome.Failed;
        }

        ConfigFiles.Loaded? config = null;
        if (o.ConfigFile is { } configFile)
        {
            config = ConfigFiles.Load(configFile);
            if (config.Config == null)
            {
                foreach (var e in ConfigFiles.All(config.Errors)) stderr.WriteLine($"{configFile}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{e.English}");
                stderr.WriteLine("qedge provision: the configuration is invalid; nothing written");
                return ToolOutcome.Failed;
            }
            if (config.Config.GatewayId != gateway || config.Config.SiteId != site)
            {
                stderr.WriteLine($"qedge provision: {configFile} is for {config.Config.SiteId}/{config.Config.GatewayId}, not {site}/{gateway}");
                return ToolOutcome.Failed;
            }
        }

        using var ca = SiteCertificates.LoadOrCreateCa(caDir, site, out bool created);
        var (cert, key) = SiteCertificates.IssueGateway(ca, site, gateway, years);
        using (cert)
        using (key)
        {
            if (!SiteCertificates.ChainsTo(cert, ca, out var status))
            {
                stderr.WriteLine($"qedge provision: the new certificate does not verify against the CA: {status}");
                return ToolOutcome.Failed;
            }
            byte[] hmacKey = RandomNumberGenerator.GetBytes(32);
            Directory.CreateDirectory(outDir);
            File.WriteAllText(Path.Combine(outDir, "ca.pem"), ca.ExportCertificatePem() + "\n");
            File.WriteAllText(Path.Combine(outDir, "client.pem"), cert.ExportCertificatePem() + "\n");
            SiteCertificates.WritePrivate(Path.Combine(outDir, "client.key"), key.ExportPkcs8PrivateKeyPem() + "\n");
            SiteCertificates.WritePrivate(Path.Combine(outDir, "config.key"), hmacKey);
            SiteCertificates.WritePrivate(Path.Combine(outDir, "hmac.key"), Convert.ToHexStringLower(hmacKey) + "\n");
            var identity = new Dictionary<string, object>
            {
                ["site"] = site,
                ["gateway"] = gateway,
                ["network"] = network,
                ["brokerHost"] = brokerHost,
                ["brokerPort"] = int.Parse(brokerPort, System.Globalization.CultureInfo.InvariantCulture),
                ["mqttUsername"] = gateway,
            };
            if (network == "wifi")
            {
                identity["wifiSsid"] = "";
                identity["wifiPassword"] = "";
            }
            identity["sntp1"] = "ntp.aliyun.com";
            identity["sntp2"] = "cn.pool.ntp.org";
            File.WriteAllText(Path.Combine(outDir, "identity.json"),
                JsonSerializer.Serialize(identity, new JsonSerializerOptions { WriteIndented = true }) + "\n");
            if (config != null)
            {
                // The same signed envelope `qedge config sign` writes and the device's ConfigSelection reads (counter 1).
                byte[] sealedConfig = SignedEnvelope.Sign("config", ConfigPush.SignedBody(config.Bytes).Body, gateway, 1, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), hmacKey);
                File.WriteAllBytes(Path.Combine(outDir, "config.json"), sealedConfig);
            }
            File.WriteAllText(Path.Combine(outDir, "README.md"), Readme(site, gateway, cert, ca, config != null));
            stdout.WriteLine(created ? $"created site CA in {caDir} ({ca.Subject})" : $"using site CA in {caDir} ({ca.Subject})");
            stdout.WriteLine($"gateway certificate CN={gateway}, serial {cert.SerialNumber}, valid to {cert.NotAfter.ToUniversalTime():yyyy-MM-dd}, sha256 {cert.GetCertHashString(HashAlgorithmName.SHA256).ToLowerInvariant()}");
            stdout.WriteLine($"bundle written to {outDir}: identity.json, ca.pem, client.pem, client.key, config.key, hmac.key{(config != null ? ", config.json" : "")}, README.md");
            stdout.WriteLine($"sign configurations for it with: qedge config sign FILE --key @{Path.Combine(outDir, "hmac.key")} --counter N");
        }
        return ToolOutcome.Ok;
    }

    private static string Readme(string site, string gateway, System.Security.Cryptography.X509Certificates.X509Certificate2 cert, System.Security.Cryptography.X509Certificates.X509Certificate2 ca, bool withConfig) => $$"""
        # Provisioning bundle for {{site}}/{{gateway}}

        Written by `qedge provision`. It holds secrets (client.key, config.key, hmac.key): keep it
        off shared drives and delete it once the gateway is flashed and the platform has hmac.key.

        | file | what | goes to |
        |---|---|---|
        | identity.json | site, gateway, network, broker, SNTP — fill in wifiSsid/wifiPassword (or use --network ethernet) and the broker | `I:\qe\identity.json` |
        | ca.pem | the site CA certificate ({{ca.Subject}}) — the broker's certificate must chain to it | `I:\qe\ca.pem` |
        | client.pem | this gateway's client certificate, CN={{gateway}}, valid to {{cert.NotAfter.ToUniversalTime():yyyy-MM-dd}} | `I:\qe\client.pem` |
        | client.key | its ECDSA P-256 private key (PKCS#8 PEM) | `I:\qe\client.key` |
        | config.key | the 32-byte HMAC key (raw) for configurations, commands, permits and registries | `I:\qe\config.key` |
        | hmac.key | the same key as hex, for `qedge config sign --key @hmac.key` and the platform | the platform's key store, not the device |
        {{(withConfig ? "| config.json | the configuration, signed with config.key as by `qedge config sign` (counter 1; docs/firmware.md) | `I:\\qe\\config.json` |\n" : "")}}
        ## Flashing (docs/firmware.md, hardware/README.md)

        1. Flash the nanoFramework firmware once: `nanoff --target ESP32_REV3 --serialport /dev/ttyUSB0 --update`
           (ESP32_PSRAM_REV3 for WROVER boards).
        2. Deploy the application (Visual Studio or `nanoff --deploy --image Qinshui.Edge.Firmware.bin`).
        3. Copy the files of the table above to the device's internal storage `I:\qe\` (Visual Studio
           device explorer, or the application's file upload), then reboot.
        4. The gateway starts in its safe state (outputs off) until a configuration verifies with
           config.key; it reports why on serial and, once connected, on MQTT.

        The certificate verifies against ca.pem only; check with
        `openssl verify -CAfile ca.pem client.pem`.
        """;
}
