using System.Text;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Tests.Config;

/// <summary>Issue 15 #5: one rule for site and gateway ids — what validate passes, the topics accept (no crash-loop).</summary>
public class TopicIdRuleTests
{
    private static string Config(string site, string gateway) =>
        $"{{\"schemaVersion\":1,\"site\":{{\"id\":\"{site}\"}},\"gateway\":{{\"id\":\"{gateway}\"}},\"channels\":[{{\"id\":\"ch1\",\"profile\":\"MINE_CH4_FACE\"}}]}}";

    public static TheoryData<string, string> Ids => new()
    {
        { "lab.2", "gw-1" }, { "lab", "gw.1" }, { new string('s', 33), "gw-1" }, { "lab", new string('g', 33) }, { "lab", "gw+1" }, { "lab/x", "gw" },
        { "lab", "gw-1" }, { "qinshui-mine-3", "gw_01" }, { new string('s', 32), new string('g', 32) },
    };

    [Theory]
    [MemberData(nameof(Ids))]
    public void TheReader_TheValidator_AndTheTopics_AgreeOnEveryId(string site, string gateway)
    {
        bool topicsAccept = MqttTopics.IsValidId(site) && MqttTopics.IsValidId(gateway);
        var errors = new ValidationErrors();
        byte[] b = Encoding.UTF8.GetBytes(Config(site, gateway));
        bool readerAccepts = GatewayConfigReader.Read(b, 0, b.Length, errors) != null;
        bool validatorAccepts = ConfigFiles.LoadBytes("ids.json", b).Config != null;
        Assert.Equal(topicsAccept, readerAccepts);
        Assert.Equal(topicsAccept, validatorAccepts);
        if (readerAccepts) _ = new MqttTopics(site, gateway); // never throws for an accepted configuration
        else Assert.Contains(ConfigFiles.All(errors), e => e.Path is "site.id" or "gateway.id");
    }

    [Fact]
    public void TheSchema_HasTheSameRuleForSiteAndGatewayIds()
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "docs", "schemas", "gateway-config.schema.json"))) root = Path.GetDirectoryName(root)!;
        var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "docs", "schemas", "gateway-config.schema.json")))!;
        Assert.Equal("#/$defs/topicId", schema["properties"]!["site"]!["properties"]!["id"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/$defs/topicId", schema["properties"]!["gateway"]!["properties"]!["id"]!["$ref"]!.GetValue<string>());
        Assert.Equal("^[A-Za-z0-9_-]{1,32}$", schema["$defs"]!["topicId"]!["pattern"]!.GetValue<string>());
    }
}
