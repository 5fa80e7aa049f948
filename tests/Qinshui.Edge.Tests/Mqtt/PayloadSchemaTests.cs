using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// Real payloads written by the core, validated against docs/schemas/*.json — the schemas the
/// AsyncAPI document (docs/asyncapi.yaml) references for each channel.
/// </summary>
public class PayloadSchemaTests
{
    private static string DocsDir()
    {
        var d = new DirectoryInfo(AppContext.BaseDirectory);
        while (d != null && !File.Exists(Path.Combine(d.FullName, "Qinshui.Edge.sln"))) d = d.Parent;
        return Path.Combine(d?.FullName ?? throw new InvalidOperationException("repository root not found"), "docs");
    }

    private static readonly Dictionary<string, JsonSchema> s_schemas = new();

    /// <summary>
    /// Loaded once, under a lock: the library's registry refuses a second schema with the same $id, and
    /// ConcurrentDictionary.GetOrAdd may run its factory twice when two test classes ask at once.
    /// </summary>
    private static JsonSchema Schema(string kind)
    {
        lock (s_schemas)
        {
            if (!s_schemas.TryGetValue(kind, out var schema))
            {
                schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(DocsDir(), "schemas", kind + ".json")));
                s_schemas[kind] = schema;
            }
            return schema;
        }
    }

    internal static void AssertValid(string kind, byte[] payload)
    {
        var schema = Schema(kind);
        var node = JsonDocument.Parse(payload).RootElement;
        var result = schema.Evaluate(node, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, kind + ": " + GatewayHarness.Text(payload) + "\n" +
            string.Join("\n", (result.Details ?? []).Where(d => d.Errors != null).SelectMany(d => d.Errors!.Select(e => d.InstanceLocation + ": " + e.Value))));
    }

    [Fact]
    public void AsyncApiDocument_ListsEveryTopicWithItsSchema()
    {
        string yaml = File.ReadAllText(Path.Combine(DocsDir(), "asyncapi.yaml"));
        foreach (MessageKind k in Enum.GetValues<MessageKind>())
        {
            string name = MqttTopics.KindName(k);
            Assert.Contains("address: qinshui/v1/{site}/{gateway}/" + name, yaml);
            Assert.Contains("$ref: ./schemas/" + name + ".json", yaml);
            Assert.True(File.Exists(Path.Combine(DocsDir(), "schemas", name + ".json")));
        }
        Assert.Matches(new Regex("^asyncapi: 3\\.0\\.0", RegexOptions.Multiline), yaml);
    }

    [Fact]
    public void EveryPublishedPayload_MatchesItsSchema()
    {
        var g = new GatewayHarness(channels: 4);
        g.Link.IsConnected = true;
        g.Link.AutoAck = true;
        g.Session.Step();
        // Readings, a methane alarm, a fault, an inhibit, a clock jump, commands good and bad.
        for (int i = 0; i < 30; i++)
        {
            g.Scan(i is > 10 and < 15 ? 2.0 : 0.1, i == 20 ? Quality.CommunicationFault : Quality.Good);
            g.Clock.Advance(1000);
            if (i == 5)
            {
                g.Link.Drop();
                g.Session.Step();
                g.Recorder.Flush();
            }
            if (i == 8) g.Link.IsConnected = true;
        }
        g.Clock.UtcMs += 120_000;
        g.Link.Inject(g.Topics.Topic(MessageKind.Cmd), CommandSigner.Sign(CommandSigner.Body("inhibit", "{\"channel\":\"ch2\",\"duration_s\":60}", 1, g.Exp())));
        g.Link.Inject(g.Topics.Topic(MessageKind.Cmd), "{\"not\":\"signed\"}"u8.ToArray());
        g.Recorder.RecordEvent("zone_tripped", EventSeverity.Alarm, "z1", "zone z1 tripped: methane", "区域 z1 停机：甲烷超限");
        g.Scan(0.1);
        g.Recorder.Flush();
        for (int i = 0; i < 10; i++) g.Session.Step();
        var kinds = g.Link.Published.Select(p => p.Kind).Distinct().ToHashSet();
        foreach (var k in new[] { "state", "birth", "data", "alarm", "event", "health", "reply" }) Assert.Contains(k, kinds);
        Assert.Contains(g.Link.Published, p => p.Kind == "data" && p.Text.StartsWith("{\"hist\":true,"));
        foreach (var p in g.Link.Published) AssertValid(p.Kind, p.Payload);
        // The last will, too.
        var will = new byte[256];
        int n = g.Session.WriteWill(will);
        AssertValid("state", will[..n]);
    }

    [Fact]
    public void TheCommandEnvelopeOfTheDocs_MatchesTheCmdSchema()
    {
        var g = new GatewayHarness();
        byte[] cmd = CommandSigner.Sign(CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 1, g.Exp()));
        AssertValid("cmd", cmd);
        var r = new CommandResult();
        g.Commands.Handle(cmd, cmd.Length, r);
        Assert.True(r.Ok);
    }

    [Fact]
    public void ASchemaViolation_IsDetected()
    {
        var schema = Schema("data");
        var bad = JsonDocument.Parse("{\"v\":1,\"boot\":\"c0ffee01\",\"seq\":1,\"ts\":1,\"cfg\":\"\",\"r\":[[0,0,\"1.0\",0]]}").RootElement;
        Assert.False(schema.Evaluate(bad).IsValid);
    }
}
