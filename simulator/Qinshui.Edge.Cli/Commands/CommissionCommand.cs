using System.Globalization;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge commission: binds the options and calls <see cref="Commissioning"/> (answers from the console unless --answers).</summary>
public sealed class CommissionCommand : ICommand
{
    public string Name => "commission";
    public string Usage => "commission --broker mqtt[s]://HOST:PORT --gateway ID --key HEX|@KEYFILE --config FILE [--site S] [--answers FILE] [--out RECORD] [--counter N] [--timeout-s N]";
    public string Summary => "commissioning checklist against a live or simulated gateway; writes and sends a signed commissioning record";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--broker", "--gateway", "--key", "--config", "--site", "--answers", "--out", "--counter", "--timeout-s"]);
        args.NoPositional();
        string broker = args.Required("--broker");
        string gateway = args.Required("--gateway");
        byte[] key = KeyMaterial.Parse(args.Required("--key"));
        int timeoutS = args.Int("--timeout-s", 15, 1, 600);
        string config = args.Required("--config");
        long? counter = args.Value("--counter") is { } c ? long.Parse(c, CultureInfo.InvariantCulture) : null;
        var options = new CommissioningOptions(broker, gateway, key, config, args.Value("--site"), args.Value("--answers"), args.Value("--out"), counter, timeoutS);
        return (int)Commissioning.Run(options, Console.In, stdout, stderr);
    }
}
