using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>
/// docs/schemas/gateway-config.schema.json and the core's reader must accept the same members:
/// the reader's own allowed-member lists (read by reflection, so a member added to the reader
/// without the schema fails here) are compared with the properties of each schema object.
/// </summary>
public sealed class SchemaAgreementTests
{
    private static readonly JsonObject s_schema = (JsonObject)JsonNode.Parse(File.ReadAllText(Repo.Path("docs", "schemas", "gateway-config.schema.json")))!;

    /// <summary>Reader list (type, static field) → schema object (JSON pointer).</summary>
    public static TheoryData<string, string, string> ReaderLists => new()
    {
        { nameof(GatewayConfigReader), "s_topMembers", "" },
        { nameof(GatewayConfigReader), "s_mqttMembers", "/properties/mqtt" },
        { nameof(GatewayConfigReader), "s_sourceMembers", "/$defs/channel/properties/source" },
        { nameof(ChannelConfigReader), "s_channelMembers", "/$defs/channel" },
        { nameof(ChannelConfigReader), "s_levelMembers", "/$defs/channel/properties/levels/items" },
        { nameof(StuckConfigReader), "s_members", "/$defs/channel/properties/stuck" },
        { nameof(InterlockConfigReader), "s_members", "/$defs/interlocks" },
        { nameof(InterlockConfigReader), "s_output", "/$defs/output" },
        { nameof(InterlockConfigReader), "s_input", "/$defs/input" },
        { nameof(InterlockConfigReader), "s_zone", "/$defs/zone" },
        { nameof(InterlockConfigReader), "s_zoneChannel", "/$defs/zoneChannel" },
        { nameof(InterlockConfigReader), "s_collector", "/$defs/collector" },
        { nameof(WeldingConfigReader), "s_members", "/$defs/welding" },
        { nameof(WeldingConfigReader), "s_station", "/$defs/station" },
        { nameof(WeldingConfigReader), "s_machineRef", "/$defs/station/properties/machine" },
        { nameof(WeldingConfigReader), "s_space", "/$defs/confinedSpace" },
        { nameof(WeldingConfigReader), "s_period", "/$defs/specialPeriod" },
        { nameof(ModbusJson), "s_profileKeys", "/$defs/deviceProfile" },
        { nameof(ModbusJson), "s_pointKeys", "/$defs/point" },
        { nameof(ModbusJson), "s_ruleKeys", "/$defs/statusRule" },
        { nameof(ModbusJson), "s_busKeys", "/$defs/bus" },
        { nameof(ModbusJson), "s_deviceKeys", "/$defs/device" },
        { nameof(LinuxHostConfigReader), "s_members", "/properties/linuxHost" },
        { nameof(LinuxHostConfigReader), "s_analogMembers", "/$defs/hostAnalogInput" },
        { nameof(LinuxHostConfigReader), "s_readerMembers", "/$defs/hostCardReader" },
    };

    /// <summary>Objects whose allowed members are written inline in the reader: probed with an unknown member.</summary>
    public static TheoryData<string, string> ProbedObjects => new()
    {
        { "site", "/properties/site" },
        { "gateway", "/properties/gateway" },
        { "channels[0].range", "/$defs/channel/properties/range" },
    };

    /// <summary>Closed schema objects the reader does not list: the registry entries are read by WeldingRegistry.TryRead with required members only.</summary>
    private static readonly string[] s_registryEntries = ["/$defs/welder", "/$defs/machine"];

    [Theory]
    [MemberData(nameof(ReaderLists))]
    public void ReaderMembers_AreExactlyTheSchemaProperties(string type, string field, string pointer)
    {
        var t = typeof(GatewayConfigReader).Assembly.GetTypes().Single(x => x.Name == type);
        var list = (string[])t.GetField(field, BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(list.OrderBy(s => s, StringComparer.Ordinal), SchemaProperties(pointer));
    }

    [Theory]
    [MemberData(nameof(ProbedObjects))]
    public void InlineReaderMembers_AreExactlyTheSchemaProperties(string path, string pointer)
    {
        var root = JsonNode.Parse(Tests.Gateway.GatewayFixture.ConfigJson)!.AsObject();
        root["channels"]![0]!["range"] = new JsonObject { ["min"] = 0, ["max"] = 5 };
        var target = path switch
        {
            "site" => root["site"]!.AsObject(),
            "gateway" => root["gateway"]!.AsObject(),
            _ => root["channels"]![0]!["range"]!.AsObject(),
        };
        target["zz_probe"] = 1;
        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
        var errors = new ValidationErrors();
        GatewayConfigReader.Read(bytes, 0, bytes.Length, errors);
        var e = Enumerable.Range(0, errors.Count).Select(i => errors[i]).Single(x => x.Code == "unknown_member");
        Assert.Equal(path + ".zz_probe", e.Path);
        string allowed = e.English[(e.English.IndexOf("(allowed: ", StringComparison.Ordinal) + 10)..^1];
        Assert.Equal(allowed.Split(", ").OrderBy(s => s, StringComparer.Ordinal), SchemaProperties(pointer));
    }

    [Fact]
    public void EveryClosedSchemaObject_IsComparedWithTheReader()
    {
        var compared = ReaderLists.Select(r => (string)r[2]).Concat(ProbedObjects.Select(r => (string)r[1])).Concat(s_registryEntries).ToHashSet();
        var closed = new List<string>();
        Walk(s_schema, "", closed);
        var uncompared = closed.Where(p => !compared.Contains(p)).ToList();
        Assert.True(uncompared.Count == 0, "schema objects not compared with the reader: " + string.Join(", ", uncompared));
    }

    [Fact]
    public void SchemaIsValidJsonSchema_AndAcceptsTheFixtureConfig()
    {
        var schema = Repo.Schema;
        using var doc = JsonDocument.Parse(Tests.Gateway.GatewayFixture.ConfigJson);
        var result = schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void Schema_RejectsAMisspeltMember()
    {
        var schema = Repo.Schema;
        var root = JsonNode.Parse(Tests.Gateway.GatewayFixture.ConfigJson)!.AsObject();
        root["interlocks"]!["zones"]![0]!["settelMs"] = 5;
        using var doc = JsonDocument.Parse(root.ToJsonString());
        Assert.False(schema.Evaluate(doc.RootElement).IsValid);
    }

    internal static string Describe(EvaluationResults r)
    {
        var lines = new List<string>();
        void Add(EvaluationResults x)
        {
            if (x.Errors != null) foreach (var (k, v) in x.Errors) lines.Add($"{x.InstanceLocation} ({x.EvaluationPath}): {k}: {v}");
            if (x.Details != null) foreach (var d in x.Details) Add(d);
        }
        Add(r);
        return string.Join("\n", lines);
    }

    private static IEnumerable<string> SchemaProperties(string pointer)
    {
        JsonNode node = s_schema;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries)) node = node[part]!;
        if (node["$ref"] is JsonValue r) node = Resolve(r.GetValue<string>());
        return node["properties"]!.AsObject().Select(p => p.Key).OrderBy(s => s, StringComparer.Ordinal);
    }

    private static JsonNode Resolve(string reference)
    {
        JsonNode node = s_schema;
        foreach (var part in reference.TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries)) node = node[part]!;
        return node;
    }

    private static void Walk(JsonNode? node, string pointer, List<string> closed)
    {
        if (node is JsonObject o)
        {
            if (o["additionalProperties"] is JsonValue ap && ap.GetValueKind() == JsonValueKind.False && o["properties"] != null) closed.Add(pointer);
            foreach (var (k, v) in o) Walk(v, pointer + "/" + k, closed);
        }
        else if (node is JsonArray a)
        {
            for (int i = 0; i < a.Count; i++) Walk(a[i], pointer + "/" + i, closed);
        }
    }
}
