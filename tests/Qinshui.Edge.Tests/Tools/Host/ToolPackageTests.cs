using System.Diagnostics;
using Qinshui.Edge.Tests.Gates;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// qedge as a dotnet tool: packed from the build the tests already made (no second compile),
/// installed from that folder alone with a nuget.config that clears every other source (so it
/// works offline, as on a site laptop), and run.
/// </summary>
public sealed class ToolPackageTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-tool-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private (int exit, string stdout) Run(string file, string args, TimeSpan limit)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _dir };
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {args} did not finish within {limit}");
        }
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"{file} {args} exited {p.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return (p.ExitCode, stdout.Result);
    }

    [Fact]
    public void Pack_InstallFromTheFolderOnly_AndRun_PrintsTheVersion()
    {
        string project = Path.Combine(NanoGate.RepoRoot, "simulator", "Qinshui.Edge.Cli", "Qinshui.Edge.Cli.csproj");
        string packages = Path.Combine(_dir, "packages");
        string tools = Path.Combine(_dir, "tools");
        File.WriteAllText(Path.Combine(_dir, "nuget.config"),
            $"<configuration><packageSources><clear /><add key=\"local\" value=\"{packages}\" /></packageSources></configuration>");
        var sw = Stopwatch.StartNew();

        Run("dotnet", $"pack \"{project}\" --no-build --no-restore -c {Configuration} -o \"{packages}\"", TimeSpan.FromMinutes(4));
        long packMs = sw.ElapsedMilliseconds;
        Assert.Single(Directory.GetFiles(packages, "Qinshui.Edge.Cli.*.nupkg"));

        Run("dotnet", $"tool install Qinshui.Edge.Cli --tool-path \"{tools}\" --configfile \"{Path.Combine(_dir, "nuget.config")}\"", TimeSpan.FromMinutes(4));
        long installMs = sw.ElapsedMilliseconds - packMs;

        var (_, version) = Run(Path.Combine(tools, "qedge"), "--version", TimeSpan.FromMinutes(1));
        var expected = typeof(Qinshui.Edge.Host.Linux.GatewayHost).Assembly.GetName().Version!.ToString();
        Assert.Equal(expected, version.Trim());
        output.WriteLine($"pack {packMs} ms, install {installMs} ms, run {sw.ElapsedMilliseconds - packMs - installMs} ms");
    }
}
