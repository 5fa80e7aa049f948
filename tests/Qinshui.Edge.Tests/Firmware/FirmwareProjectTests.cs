using System.Text.RegularExpressions;
using System.Xml.Linq;
using Qinshui.Edge.Tests.Gates;

namespace Qinshui.Edge.Tests.Firmware;

/// <summary>
/// Keeps the Windows-only .nfproj, its packages.config and the Linux check's API stubs in step,
/// since no Linux build can load the .nfproj itself.
/// </summary>
public class FirmwareProjectTests
{
    private static readonly string FirmwareDir = Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Firmware");
    private static readonly string StubsDir = Path.Combine(NanoGate.RepoRoot, "firmware", "NanoStubs");

    private static Dictionary<string, string> PinnedPackages() =>
        XDocument.Load(Path.Combine(FirmwareDir, "packages.config")).Root!.Elements("package")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

    [Fact]
    public void EverySourceFile_IsCompiledByTheNfproj()
    {
        var doc = XDocument.Load(Path.Combine(FirmwareDir, "Qinshui.Edge.Firmware.nfproj"));
        XNamespace ns = "http://schemas.microsoft.com/developer/msbuild/2003";
        var listed = doc.Descendants(ns + "Compile").Select(e => ((string)e.Attribute("Include")!).Replace('\\', '/')).ToHashSet();
        var onDisk = Directory.GetFiles(FirmwareDir, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(FirmwareDir, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/") && !f.StartsWith("obj/"));
        Assert.Empty(onDisk.Except(listed));
        Assert.Empty(listed.Except(onDisk));
        Assert.Contains(doc.Descendants(ns + "Import"), i => ((string)i.Attribute("Project")!).EndsWith("Qinshui.Edge.Core.projitems"));
    }

    [Fact]
    public void EveryReferencedPackage_IsPinnedInPackagesConfig_AtTheSameVersion()
    {
        var pinned = PinnedPackages();
        Assert.Equal("1.17.11", pinned["nanoFramework.CoreLibrary"]);
        string nfproj = File.ReadAllText(Path.Combine(FirmwareDir, "Qinshui.Edge.Firmware.nfproj"));
        var hintPaths = Regex.Matches(nfproj, @"<HintPath>([^<]+)</HintPath>").Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Regex.Matches(nfproj, @"<Reference ").Count, hintPaths.Count);
        foreach (var hintPath in hintPaths)
        {
            var (id, version, _) = FirmwarePackageManifestTests.ParseHintPath(hintPath);
            Assert.True(pinned.TryGetValue(id, out var v), id + " is referenced but not pinned");
            Assert.Equal(v, version);
        }
    }

    [Fact]
    public void EveryApiStub_NamesAPinnedPackageAndItsVersion_AndItsSource()
    {
        var pinned = PinnedPackages();
        var stubs = Directory.GetFiles(StubsDir, "*.cs");
        Assert.NotEmpty(stubs);
        foreach (var stub in stubs)
        {
            string head = string.Join("\n", File.ReadLines(stub).Take(4));
            var m = Regex.Match(head, @"^// Package (\S+) (\d+\.\d+\.\d+) — declarations only\.");
            Assert.True(m.Success, Path.GetFileName(stub) + " lacks the '// Package <id> <version> — declarations only.' header");
            Assert.True(pinned.TryGetValue(m.Groups[1].Value, out var v), m.Groups[1].Value + " is stubbed but not pinned in packages.config");
            Assert.Equal(v, m.Groups[2].Value);
            Assert.Contains("github.com/nanoframework/", head);
        }
    }

    [Fact]
    public void ApiStubs_AreDeclarationsOnly()
    {
        foreach (var stub in Directory.GetFiles(StubsDir, "*.cs"))
        {
            foreach (var line in File.ReadLines(stub))
            {
                string t = line.Trim();
                // A body may only throw: nothing in a stub may pretend to work.
                if (t.Contains('{') && t.Contains('}') && (t.Contains("get {") || t.Contains(") {")))
                {
                    Assert.Matches(@"\{ (get \{ )?throw null; (\} )?(set \{ throw null; \} )?\}|\{ \}", t);
                }
            }
        }
    }

    [Fact]
    public void TheNfproj_StaysOutOfTheMainSolution()
    {
        string sln = File.ReadAllText(Path.Combine(NanoGate.RepoRoot, "Qinshui.Edge.sln"));
        Assert.DoesNotContain(".nfproj", sln);
        Assert.Contains("Qinshui.Edge.Firmware.Check.csproj", sln);
        Assert.Contains("Qinshui.Edge.Firmware.nfproj", File.ReadAllText(Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Firmware.sln")));
    }
}
