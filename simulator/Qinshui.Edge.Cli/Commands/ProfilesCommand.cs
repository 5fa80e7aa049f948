using System.CommandLine;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Cli.Commands;

/// <summary>qedge profiles: binds the options and calls <see cref="ProfileListing"/>.</summary>
public static class ProfilesCommand
{
    public static Command Build(Texts t)
    {
        var c = t.Command("profiles", "list the built-in alarm profiles with their thresholds, units and standards", "列出内置报警配置文件及其阈值、单位和依据的标准",
            "qedge profiles", "qedge profiles --family mine_methane --lang zh", "qedge profiles --json");
        var json = t.Flag("--json", "print the profiles as JSON", "以 JSON 输出");
        var family = t.Value("--family", "NAME", "only this family (e.g. mine_methane, plant_toxic)", "只列出此类（如 mine_methane、plant_toxic）");
        c.Add(json);
        c.Add(family);
        c.SetAction(p =>
        {
            var b = new Bind(p);
            var options = new ProfileListingOptions(b.Flag(json), b.Value(family), b.Lang(t.LangOption));
            return (int)ProfileListing.Run(options, p.InvocationConfiguration.Output, p.InvocationConfiguration.Error);
        });
        return c;
    }
}
