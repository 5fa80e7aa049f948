using System.Globalization;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Desktop.Platform;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge config validate|show|diff|sign|push: binds the options and calls Desktop/Config and Desktop/Platform.</summary>
public sealed class ConfigCommand : ICommand
{
    public const string PushUsage = "config push --broker mqtt[s]://HOST:PORT --gateway ID --key HEX|@KEYFILE [--site S] [--counter N] [--timeout-s N] [--retries N] [--command-bytes N] [--ca PEM] [--lang zh|en] FILE";

    public string Name => "config";
    public string Usage => "config validate FILE... [--json] [--lang zh|en] | config show FILE | config diff OLD NEW | config sign FILE --key HEX|@KEYFILE --counter N [--out FILE] | " + PushUsage;
    public string Summary => "validate, show, compare and sign gateway configurations (the device's own validator)";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0) throw new UsageException("missing subcommand (validate, show, diff, sign, push)");
        var rest = argv.Skip(1).ToArray();
        return argv[0] switch
        {
            "validate" => Validate(rest, stdout),
            "show" => Show(rest, stdout, stderr),
            "diff" => Diff(rest, stdout, stderr),
            "sign" => Sign(rest, stdout, stderr),
            "push" => Push(rest, stdout, stderr),
            _ => throw new UsageException($"unknown subcommand '{argv[0]}'"),
        };
    }

    private static int Validate(string[] argv, TextWriter stdout)
    {
        var args = new Arguments(argv, ["--json"], ["--lang"]);
        string lang = Language.Resolve(args.Value("--lang"));
        if (args.Positional.Count == 0) throw new UsageException("no file given");
        return (int)ConfigValidate.Run(new ConfigValidateOptions(args.Positional, args.Flag("--json"), lang), stdout);
    }

    private static int Show(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], []);
        if (args.Positional.Count != 1) throw new UsageException("show takes one file");
        return (int)ConfigShow.Show(args.Positional[0], stdout, stderr);
    }

    private static int Diff(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], []);
        if (args.Positional.Count != 2) throw new UsageException("diff takes two files: OLD NEW");
        return (int)ConfigShow.Diff(args.Positional[0], args.Positional[1], stdout, stderr);
    }

    private static int Sign(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--key", "--counter", "--out", "--issued-utc-ms"]);
        if (args.Positional.Count != 1) throw new UsageException("sign takes one file");
        byte[] key = KeyMaterial.Parse(args.Required("--key"));
        long counter = args.Int("--counter", -1, 1, int.MaxValue);
        if (counter < 1) throw new UsageException("option --counter is required (it must increase with every config sent to this gateway)");
        long? issued = args.Value("--issued-utc-ms") is { } t ? long.Parse(t, CultureInfo.InvariantCulture) : null;
        return (int)ConfigSign.Run(new ConfigSignOptions(args.Positional[0], key, counter, args.Value("--out"), issued), stdout, stderr);
    }

    private static int Push(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--broker", "--gateway", "--key", "--site", "--counter", "--timeout-s", "--retries", "--command-bytes", "--ca", "--lang"]);
        if (args.Positional.Count != 1) throw new UsageException("push takes one file");
        string broker = args.Required("--broker");
        string gateway = args.Required("--gateway");
        byte[] key = KeyMaterial.Parse(args.Required("--key"));
        int timeoutS = args.Int("--timeout-s", 15, 1, 600);
        int retries = args.Int("--retries", 3, 0, 20);
        int commandBytes = args.Int("--command-bytes", CommandProcessor.MaxCommandBytes, 512, CommandProcessor.MaxCommandBytes);
        string lang = Language.Resolve(args.Value("--lang"));
        long? counter = args.Value("--counter") is { } c ? long.Parse(c, CultureInfo.InvariantCulture) : null;
        var options = new ConfigPushOptions(args.Positional[0], broker, gateway, key, args.Value("--site"), counter, timeoutS, retries, commandBytes, args.Value("--ca"), lang);
        return (int)ConfigPush.Run(options, stdout, stderr);
    }
}
