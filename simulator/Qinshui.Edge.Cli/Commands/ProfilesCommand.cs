using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge profiles: binds the options and calls <see cref="ProfileListing"/>.</summary>
public sealed class ProfilesCommand : ICommand
{
    public string Name => "profiles";
    public string Usage => "profiles [--json] [--family NAME] [--lang zh|en]";
    public string Summary => "list the built-in alarm profiles with their thresholds, units and standards";

    public int Run(IReadOnlyList<string> argv, TextWriter stdout, TextWriter stderr)
    {
        var args = new Arguments(argv, ["--json"], ["--family", "--lang"]);
        string lang = Language.Resolve(args.Value("--lang"));
        args.NoPositional();
        return (int)ProfileListing.Run(new ProfileListingOptions(args.Flag("--json"), args.Value("--family"), lang), stdout, stderr);
    }
}
