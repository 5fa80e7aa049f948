using System.Collections;
using System.Text;
using System.Text.Json;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge config validate|show|diff|sign — the technician's configuration tool.</summary>
public sealed class ConfigCommand : ICommand
{
    public string Name => "config";
    public string Usage => "config validate FILE... [--json] [--lang zh|en] | config show FILE | config diff OLD NEW | config sign FILE --key HEX|@KEYFILE --counter N [--out FILE] | " + ConfigPush.Usage;
    public string Summary => "validate, show, compare and sign gateway configurations (the device's own validator)";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        if (argv.Count == 0) throw new UsageException("missing subcommand (validate, show, diff, sign, push)");
        var rest = argv.Skip(1).ToArray();
        return argv[0] switch
        {
            "validate" => Validate(rest, stdout, stderr),
            "show" => Show(rest, stdout, stderr),
            "diff" => Diff(rest, stdout, stderr),
            "sign" => Sign(rest, stdout, stderr),
            "push" => ConfigPush.Run(rest, stdout, stderr),
            _ => throw new UsageException($"unknown subcommand '{argv[0]}'"),
        };
    }

    private static int Validate(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--json"], ["--lang"]);
        bool json = args.Flag("--json");
        string lang = Language.Resolve(args.Value("--lang"));
        if (args.Positional.Count == 0) throw new UsageException("no file given");
        var results = args.Positional.Select(ConfigFiles.Load).ToList();
        if (json)
        {
            var doc = results.Select(r => new
            {
                file = r.File,
                valid = !r.Errors.HasErrors,
                configHash = r.Config?.Hash,
                conversions = r.Conversions.Select(c => new { path = c.Path, written = c.Written, converted = c.Converted }),
                errors = ConfigFiles.All(r.Errors).Select(e => new { path = e.Path, code = e.Code, warning = e.IsWarning, message = e.English, messageZh = e.Chinese }),
            });
            stdout.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        }
        else
        {
            foreach (var r in results)
            {
                foreach (var c in r.Conversions)
                    stdout.WriteLine($"{r.File}: {c.Path}: {c.Written} = {c.Converted}");
                foreach (var e in ConfigFiles.All(r.Errors))
                {
                    string kind = e.IsWarning ? (lang == "zh" ? "警告" : "warning") : (lang == "zh" ? "错误" : "error");
                    stdout.WriteLine($"{r.File}: {kind}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{(lang == "zh" ? e.Chinese : e.English)}");
                }
                if (!r.Errors.HasErrors) stdout.WriteLine(lang == "zh" ? $"{r.File}: 有效 (sha256 {r.Config!.Hash})" : $"{r.File}: valid (sha256 {r.Config!.Hash})");
            }
        }
        return results.All(r => !r.Errors.HasErrors) ? CommandLine.ExitOk : CommandLine.ExitFailure;
    }

    private static GatewayConfig? LoadOrReport(string file, TextWriter stderr)
    {
        var r = ConfigFiles.Load(file);
        if (r.Config != null) return r.Config;
        foreach (var e in ConfigFiles.All(r.Errors)) stderr.WriteLine($"{file}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{e.English}");
        return null;
    }

    private static int Show(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], []);
        if (args.Positional.Count != 1) throw new UsageException("show takes one file");
        var config = LoadOrReport(args.Positional[0], stderr);
        if (config == null) return CommandLine.ExitFailure;
        var lines = new ArrayList();
        ConfigDescriber.Describe(config, lines);
        foreach (var l in lines) stdout.WriteLine(l);
        return CommandLine.ExitOk;
    }

    private static int Diff(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], []);
        if (args.Positional.Count != 2) throw new UsageException("diff takes two files: OLD NEW");
        var a = LoadOrReport(args.Positional[0], stderr);
        var b = LoadOrReport(args.Positional[1], stderr);
        if (a == null || b == null) return CommandLine.ExitFailure;
        var oldMap = EffectiveConfig.Flatten(a);
        var newMap = EffectiveConfig.Flatten(b);
        int changes = 0;
        foreach (var key in oldMap.Keys.Union(newMap.Keys).OrderBy(k => k, StringComparer.Ordinal))
        {
            bool inOld = oldMap.TryGetValue(key, out var ov);
            bool inNew = newMap.TryGetValue(key, out var nv);
            if (inOld && inNew && ov == nv) continue;
            changes++;
            if (!inNew) stdout.WriteLine($"- {key} = {ov}");
            else if (!inOld) stdout.WriteLine($"+ {key} = {nv}");
            else stdout.WriteLine($"~ {key}: {ov} -> {nv}");
        }
        if (changes == 0) stdout.WriteLine("no effective differences");
        return CommandLine.ExitOk;
    }

    private static int Sign(string[] argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, [], ["--key", "--counter", "--out", "--issued-utc-ms"]);
        if (args.Positional.Count != 1) throw new UsageException("sign takes one file");
        byte[] key = KeyMaterial.Parse(args.Required("--key"));
        long counter = args.Int("--counter", -1, 1, int.MaxValue);
        if (counter < 1) throw new UsageException("option --counter is required (it must increase with every config sent to this gateway)");
        var loaded = ConfigFiles.Load(args.Positional[0]);
        if (loaded.Config == null)
        {
            foreach (var e in ConfigFiles.All(loaded.Errors)) stderr.WriteLine($"{loaded.File}: {(e.Path.Length > 0 ? e.Path + ": " : "")}{e.English}");
            stderr.WriteLine("qedge config sign: refusing to sign an invalid configuration");
            return CommandLine.ExitFailure;
        }
        string? issuedText = args.Value("--issued-utc-ms");
        long issued = issuedText != null ? long.Parse(issuedText, System.Globalization.CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        byte[] envelope = SignedEnvelope.Sign("config", loaded.Bytes, loaded.Config.GatewayId, counter, issued, key);
        string? outFile = args.Value("--out");
        if (outFile != null)
        {
            File.WriteAllBytes(outFile, envelope);
            stdout.WriteLine($"signed {loaded.File} for gateway {loaded.Config.GatewayId} (counter {counter}, sha256 {loaded.Config.Hash}) -> {outFile}");
            if (loaded.InlinedProfiles.Count > 0) stdout.WriteLine($"inlined device profiles from hardware/devices: {string.Join(", ", loaded.InlinedProfiles)}");
        }
        else
        {
            stdout.WriteLine(Encoding.UTF8.GetString(envelope));
        }
        return CommandLine.ExitOk;
    }
}
