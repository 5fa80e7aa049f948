using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge provision: checks the ids and the broker, then calls <see cref="Provisioning"/> (certificate, HMAC key, bundle).</summary>
public sealed class ProvisionCommand : ICommand
{
    public string Name => "provision";
    public string Usage => "provision --site S --gateway G --ca-dir DIR --out DIR [--broker HOST[:PORT]] [--network wifi|ethernet] [--config FILE] [--years N]";
    public string Summary => "create a gateway's identity: client certificate from the site CA, HMAC key, provisioning bundle";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--force"], ["--site", "--gateway", "--ca-dir", "--out", "--broker", "--network", "--config", "--years"]);
        args.NoPositional();
        string site = args.Required("--site");
        string gateway = args.Required("--gateway");
        if (!Qinshui.Edge.Core.Mqtt.MqttTopics.IsValidId(site)) throw new UsageException($"site '{site}' is not a valid id: it names MQTT topics (1–32 of a–z, A–Z, 0–9, '-', '_')");
        if (!Qinshui.Edge.Core.Mqtt.MqttTopics.IsValidId(gateway)) throw new UsageException($"gateway '{gateway}' is not a valid id: it names MQTT topics (1–32 of a–z, A–Z, 0–9, '-', '_')");
        string caDir = args.Required("--ca-dir");
        string outDir = args.Required("--out");
        int years = args.Int("--years", 3, 1, 10);
        string network = args.Value("--network") ?? "wifi";
        if (network is not ("wifi" or "ethernet")) throw new UsageException("--network is wifi or ethernet");
        string brokerHost = "", brokerPort = "8883";
        if (args.Value("--broker") is { } broker)
        {
            var parts = broker.Split(':');
            brokerHost = parts[0];
            if (parts.Length > 1) brokerPort = parts[1];
            if (parts.Length > 2 || !int.TryParse(brokerPort, out _)) throw new UsageException("--broker is HOST or HOST:PORT");
        }
        var options = new ProvisionOptions(site, gateway, caDir, outDir, brokerHost, brokerPort, network, args.Value("--config"), years, args.Flag("--force"));
        return (int)Provisioning.Run(options, stdout, stderr);
    }
}
