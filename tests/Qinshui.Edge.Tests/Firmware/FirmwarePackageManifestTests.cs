using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Qinshui.Edge.Tests.Gates;

namespace Qinshui.Edge.Tests.Firmware;

/// <summary>
/// The Windows build of the firmware cannot run here, so the .nfproj and packages.config are held
/// against packages.manifest.json: the DLLs each pinned package really ships, its assembly names and
/// its own dependencies, read from the public sources at the pinned tags (docs/firmware-packages.md).
/// </summary>
public class FirmwarePackageManifestTests
{
    private static readonly string FirmwareDir = Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Firmware");
    private static readonly XNamespace Ms = "http://schemas.microsoft.com/developer/msbuild/2003";

    internal sealed record Assembly(string File, string Name, string Version);
    internal sealed record Package(string Id, string Version, Assembly[] Assemblies, Dictionary<string, string> Dependencies);

    internal static Dictionary<string, Package> Manifest()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(FirmwareDir, "packages.manifest.json")));
        var result = new Dictionary<string, Package>();
        foreach (var p in doc.RootElement.GetProperty("packages").EnumerateArray())
        {
            var assemblies = p.GetProperty("assemblies").EnumerateArray()
                .Select(a => new Assembly(a.GetProperty("file").GetString()!, a.GetProperty("name").GetString()!, a.GetProperty("version").GetString()!))
                .ToArray();
            var deps = p.GetProperty("dependencies").EnumerateObject().ToDictionary(d => d.Name, d => d.Value.GetString()!);
            Assert.True(p.GetProperty("source").GetProperty("files").GetArrayLength() > 0, "every fact names the file it was read from");
            var pkg = new Package(p.GetProperty("id").GetString()!, p.GetProperty("version").GetString()!, assemblies, deps);
            result.Add(pkg.Id, pkg);
        }
        return result;
    }

    private static Dictionary<string, string> PackagesConfig() =>
        XDocument.Load(Path.Combine(FirmwareDir, "packages.config")).Root!.Elements("package")
            .ToDictionary(e => (string)e.Attribute("id")!, e => (string)e.Attribute("version")!);

    private static List<(string include, string hintPath)> NfprojReferences() =>
        XDocument.Load(Path.Combine(FirmwareDir, "Qinshui.Edge.Firmware.nfproj")).Descendants(Ms + "Reference")
            .Select(r => ((string)r.Attribute("Include")!, (string)r.Element(Ms + "HintPath")!))
            .ToList();

    /// <summary>..\packages\&lt;id&gt;.&lt;version&gt;\&lt;file&gt; — ids may contain digits (Esp32, M2Mqtt).</summary>
    internal static (string id, string version, string file) ParseHintPath(string hintPath)
    {
        var m = Regex.Match(hintPath, @"^\.\.\\packages\\(?<id>[A-Za-z][A-Za-z0-9]*(?:\.[A-Za-z][A-Za-z0-9]*)*)\.(?<v>\d+\.\d+\.\d+)\\(?<file>lib\\[^\\]+\.dll)$");
        Assert.True(m.Success, "HintPath '" + hintPath + "' is not ..\\packages\\<id>.<version>\\lib\\<file>.dll");
        return (m.Groups["id"].Value, m.Groups["v"].Value, m.Groups["file"].Value);
    }

    [Fact]
    public void HintPathParser_ReadsIdsWithDigits()
    {
        var (id, version, file) = ParseHintPath(@"..\packages\nanoFramework.Hardware.Esp32.1.6.37\lib\nanoFramework.Hardware.Esp32.dll");
        Assert.Equal(("nanoFramework.Hardware.Esp32", "1.6.37", @"lib\nanoFramework.Hardware.Esp32.dll"), (id, version, file));
        Assert.Equal("nanoFramework.M2Mqtt", ParseHintPath(@"..\packages\nanoFramework.M2Mqtt.5.1.212\lib\nanoFramework.M2Mqtt.Core.dll").id);
    }

    [Fact]
    public void EveryHintPath_IsAFileThePinnedPackageShips_AndTheIncludeIsItsAssemblyName()
    {
        var manifest = Manifest();
        var pins = PackagesConfig();
        var refs = NfprojReferences();
        Assert.Equal(manifest.Values.Sum(p => p.Assemblies.Length), refs.Count);
        foreach (var (include, hintPath) in refs)
        {
            Assert.False(string.IsNullOrEmpty(hintPath), include + " has no HintPath");
            var (id, version, file) = ParseHintPath(hintPath);
            Assert.True(manifest.TryGetValue(id, out var pkg), id + " is referenced but not in packages.manifest.json");
            Assert.Equal(pkg!.Version, version);
            Assert.True(pins.TryGetValue(id, out var pinned), id + " is referenced but not pinned in packages.config");
            Assert.Equal(version, pinned);
            var shipped = pkg.Assemblies.SingleOrDefault(a => a.File == file);
            Assert.True(shipped != null, id + " " + version + " ships no " + file + " (it ships " + string.Join(", ", pkg.Assemblies.Select(a => a.File)) + ")");
            Assert.Equal(shipped!.Name, include.Split(',')[0].Trim());
        }
    }

    [Fact]
    public void PackagesConfig_PinsExactlyTheManifestedPackages()
    {
        var manifest = Manifest();
        var pins = PackagesConfig();
        Assert.Equal(manifest.Keys.OrderBy(k => k), pins.Keys.OrderBy(k => k));
        foreach (var (id, version) in pins) Assert.Equal(manifest[id].Version, version);
        Assert.Equal("1.17.11", pins["nanoFramework.CoreLibrary"]);
    }

    [Fact]
    public void EveryPackagesOwnDependencies_AreSatisfiedByThePins()
    {
        Assert.Empty(UnsatisfiedDependencies(Manifest()));
    }

    [Fact]
    public void DependencyCheck_RefusesAnOlderPinOrAnotherMajorMinor()
    {
        var manifest = Manifest();
        var esp32 = manifest["nanoFramework.Hardware.Esp32"];
        // Hardware.Esp32 1.6.42 is built against Runtime.Events 1.11.39 (its nuspec): CS1705 with 1.11.32.
        manifest["nanoFramework.Hardware.Esp32"] = esp32 with { Dependencies = new() { ["nanoFramework.Runtime.Events"] = "1.11.39" } };
        Assert.Contains(UnsatisfiedDependencies(manifest), s => s.Contains("Runtime.Events"));
        // Adc 1.1.11 is built against CoreLibrary 1.15.5: nanoCLR binds by name + major.minor, so 1.17.11 does not serve it.
        manifest["nanoFramework.Hardware.Esp32"] = esp32;
        manifest["nanoFramework.System.Device.Adc"] = manifest["nanoFramework.System.Device.Adc"] with { Dependencies = new() { ["nanoFramework.CoreLibrary"] = "1.15.5" } };
        Assert.Contains(UnsatisfiedDependencies(manifest), s => s.Contains("CoreLibrary"));
    }

    /// <summary>
    /// A dependency is met when the pin has the same major.minor (nanoCLR binds assemblies by name and
    /// major.minor) and a build at least the one the package was compiled against (else CS1705).
    /// </summary>
    internal static List<string> UnsatisfiedDependencies(Dictionary<string, Package> manifest)
    {
        var problems = new List<string>();
        foreach (var pkg in manifest.Values)
        {
            foreach (var (depId, depVersion) in pkg.Dependencies)
            {
                if (!manifest.TryGetValue(depId, out var pinned)) { problems.Add(pkg.Id + " needs " + depId + " which is not pinned"); continue; }
                var need = Version.Parse(depVersion);
                var have = Version.Parse(pinned.Version);
                if (need.Major != have.Major || need.Minor != have.Minor || have.Build < need.Build)
                {
                    problems.Add(pkg.Id + " " + pkg.Version + " needs " + depId + " " + depVersion + ", pinned " + pinned.Version);
                }
            }
        }
        return problems;
    }
}
