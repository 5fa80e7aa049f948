using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Tests.Cli;

/// <summary>Every option the hand-written parser took is still accepted by the same command (scripts and docs keep working).</summary>
public sealed class OptionNamesTests
{
    private const string Line = "--port --baud --parity --stop-bits --timeout --retries ";

    public static TheoryData<string, string> OldOptions => new()
    {
        { "sim", "--fast --headless --strict --allow-not-evaluable --duration --speed --result --report --broker --lang" },
        { "sim run", "--fast --headless --strict --allow-not-evaluable --duration --speed --result --report --broker --lang" },
        { "config validate", "--json --lang" },
        { "config sign", "--key --counter --out --issued-utc-ms" },
        { "config push", "--broker --gateway --key --site --counter --timeout-s --retries --command-bytes --ca --lang" },
        { "profiles", "--json --family --lang" },
        { "modbus read", Line + "--unit --function --address --count --type --order --json" },
        { "modbus write", Line + "--unit --function --address --value --type --order --coil --json" },
        { "modbus scan", Line + "--units --json" },
        { "modbus bench", Line + "--unit --count --seconds --json --no-model" },
        { "bench mqtt", "--hours --channels --broker" },
        { "bench config", "--channels --iterations" },
        { "bench reaction", "--baud --poll-ms --json" },
        { "provision", "--site --gateway --ca-dir --out --broker --network --config --years --force" },
        { "commission", "--broker --gateway --key --config --site --answers --out --counter --timeout-s" },
        { "run", "--config --state --key --bundle --broker --gpiochip --log-level" },
        { "monitor", "--broker --topic --duration --quiet" },
        { "fleet", "--gateways --broker --duration --channels --mosquitto" },
        { "bridge mtt1201", "--broker --mine-code --mine-name --out --period --points --topic --duration" },
    };

    [Theory]
    [MemberData(nameof(OldOptions))]
    public void TheCommand_StillTakesEveryOptionItTookBefore(string path, string options)
    {
        var command = path.Split(' ').Aggregate((System.CommandLine.Command)CommandLine.Build("en"), (c, name) => c.Subcommands.Single(s => s.Name == name));
        // The command's own options and those its parents pass down (hidden ones too: --strict is kept for old scripts).
        var names = new HashSet<string>();
        for (var c = command; c != null; c = c.Parents.OfType<System.CommandLine.Command>().FirstOrDefault())
        {
            foreach (var o in c.Options.Where(o => c == command || o.Recursive)) names.Add(o.Name);
        }
        foreach (var option in options.Split(' ', StringSplitOptions.RemoveEmptyEntries)) Assert.Contains(option, names);
    }
}
