using System.Text.Json;
using Qinshui.Edge.Cli;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>Issue 18: the schema ships inside the tool (`qedge config schema`), byte for byte the one in docs/schemas.</summary>
public sealed class ConfigSchemaCommandTests
{
    [Fact]
    public void ConfigSchema_PrintsTheEmbeddedSchema_EqualToTheDocumentedOne()
    {
        var o = new StringWriter();
        int code = CommandLine.Run(["config", "schema"], o, new StringWriter());

        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(o.ToString());
        Assert.True(doc.RootElement.TryGetProperty("$schema", out _) || doc.RootElement.TryGetProperty("properties", out _));
        string repo = Path.Combine(Qinshui.Edge.Tests.Gates.NanoGate.RepoRoot, "docs", "schemas", "gateway-config.schema.json");
        Assert.Equal(File.ReadAllText(repo).ReplaceLineEndings(), o.ToString().ReplaceLineEndings());
    }

    [Fact]
    public void TheSchema_IsAResourceOfTheAssembly_NotAFileNextToTheRepository() =>
        Assert.Contains(Qinshui.Edge.Desktop.Config.ConfigSchema.ResourceName, typeof(Qinshui.Edge.Desktop.Config.ConfigSchema).Assembly.GetManifestResourceNames());
}
