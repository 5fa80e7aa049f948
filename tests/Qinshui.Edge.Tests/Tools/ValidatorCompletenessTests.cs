using System.Text;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Tests.Tools;

/// <summary>qedge's validation beyond the reader: board pins, device catalogue, bus budget — each error with its path.</summary>
public sealed class ValidatorCompletenessTests
{
    private static JsonObject Example(string name) => JsonNode.Parse(File.ReadAllText(Repo.Path("hardware", "examples", name)))!.AsObject();

    private static ConfigFiles.Loaded Check(JsonObject root) =>
        ConfigFiles.LoadBytes("test.json", Encoding.UTF8.GetBytes(root.ToJsonString()));

    private static ValidationError Single(ConfigFiles.Loaded l, string code)
    {
        var all = ConfigFiles.All(l.Errors).ToList();
        Assert.True(all.Any(e => e.Code == code), string.Join("\n", all));
        return all.Single(e => e.Code == code);
    }

    [Fact]
    public void PermissiveOutputOnAStrappingGpio_IsRefused()
    {
        var root = Example("welding-bay.json");
        root["pins"]!["bay-power"] = 12;
        var l = Check(root);
        Assert.Null(l.Config);
        var e = Single(l, "strapping_permissive");
        Assert.Equal("pins.bay-power.gpio", e.Path);
        Assert.False(e.IsWarning);
        Assert.Contains("启动", e.Chinese);
    }

    [Fact]
    public void OutputOnAnInputOnlyGpio_IsRefused()
    {
        var root = Example("welding-bay.json");
        root["pins"]!["welder-enable"] = 35;
        Assert.Equal("pins.welder-enable.gpio", Single(Check(root), "input_only").Path);
    }

    [Fact]
    public void RelayIdOnAContactRole_IsAFunctionMismatch()
    {
        var root = Example("welding-bay.json");
        root["pins"]!["bay-power"] = "estop";
        Assert.Equal("pins.bay-power", Single(Check(root), "pin_function").Path);
    }

    [Fact]
    public void OutputWithoutPin_IsReportedAtTheOutput()
    {
        var root = Example("coal-mine-heading.json");
        root["pins"]!.AsObject().Remove("heading-power");
        var e = Single(Check(root), "pin_unmapped");
        Assert.Equal("interlocks.outputs[0].id", e.Path);
        Assert.Contains("relay1", e.English);
    }

    [Fact]
    public void TwoIdsOnOneGpio_AreRefused()
    {
        var root = Example("welding-bay.json");
        root["pins"]!["welder-enable"] = "relay1";
        Assert.Equal("pins.welder-enable", Single(Check(root), "pin_shared").Path);
    }

    [Fact]
    public void UnknownRoleAndUnknownBoard_AreReported()
    {
        var root = Example("welding-bay.json");
        root["pins"]!["bay-power"] = "relay9";
        Assert.Equal("pins.bay-power", Single(Check(root), "pin_role_unknown").Path);
        root = Example("welding-bay.json");
        root["board"] = "esp32-nonexistent";
        Assert.Equal("board", Single(Check(root), "board_unknown").Path);
    }

    [Fact]
    public void BusOnAPortTheBoardDoesNotWire_IsRefused()
    {
        var root = Example("dust-plant.json");
        root["buses"]![0]!["port"] = "COM3";
        Assert.Equal("buses[0].port", Single(Check(root), "bus_port_not_on_board").Path);
    }

    [Fact]
    public void UnknownDeviceProfile_IsReportedWithItsPath()
    {
        var root = Example("dust-plant.json");
        root["buses"]![0]!["devices"]![1]!["profile"] = "dust-collector-controler";
        Assert.Equal("buses[0].devices[1].profile", Single(Check(root), "modbus_unknown_profile").Path);
    }

    [Fact]
    public void CatalogueProfiles_AreInlined_AndOnlyThoseNamed()
    {
        var l = Check(Example("dust-plant.json"));
        Assert.NotNull(l.Config);
        Assert.Equal(["dust-concentration-sensor", "dust-collector-controller"], l.InlinedProfiles);
        var sent = JsonNode.Parse(l.Bytes)!;
        Assert.Equal(2, sent["deviceProfiles"]!.AsArray().Count);
        // A file that already carries its profiles passes byte for byte.
        var again = ConfigFiles.Check("again.json", l.Bytes, new ValidationErrors(), []);
        Assert.Empty(again.InlinedProfiles);
        Assert.Equal(l.Bytes, again.Bytes);
    }

    [Fact]
    public void PollIntervalsTheBaudRateCannotMeet_AreReportedOnTheBus()
    {
        var root = Example("welding-bay.json");
        root["buses"]![0]!["baud"] = 1200;
        foreach (var d in root["buses"]![0]!["devices"]!.AsArray())
        {
            d!["pollIntervalMs"] = 100;
            d!["alarmPollIntervalMs"] = 100;
        }
        var e = Single(Check(root), "modbus_bus_budget");
        Assert.Equal("buses[0].devices", e.Path);
        Assert.Contains("1200 baud", e.English);
    }

    [Fact]
    public void MqttWithoutTls_WhereTheSiteRequiresIt_IsRefused()
    {
        var root = Example("coal-mine-heading.json");
        root["mqtt"]!["broker"] = "mqtt://platform.qinshui.example:1883";
        Assert.Equal("mqtt.broker", Single(Check(root), "tls_required").Path);
    }
}

public sealed class SignInliningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-sign-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Sign_InlinesTheCatalogueProfiles_SoTheDeviceReadsTheBodyWithoutACatalogue()
    {
        string signed = Path.Combine(_dir, "dust.signed.json");
        var o = new StringWriter();
        int exit = Qinshui.Edge.Cli.CommandLine.Run(["config", "sign", Repo.Path("hardware", "examples", "dust-plant.json"), "--key", new string('b', 64), "--counter", "1", "--out", signed], o, new StringWriter());
        Assert.Equal(0, exit);
        Assert.Contains("inlined device profiles from hardware/devices: dust-concentration-sensor, dust-collector-controller", o.ToString());
        byte[] env = File.ReadAllBytes(signed);
        Assert.Equal(Qinshui.Edge.Core.Config.EnvelopeOutcome.Accepted,
            Qinshui.Edge.Core.Config.SignedEnvelope.Open(env, 0, env.Length, "config", "gw-grinding-1", Convert.FromHexString(new string('b', 64)), 0, out var body, out _, out _));
        var errors = new ValidationErrors();
        var config = Qinshui.Edge.Core.Config.GatewayConfigReader.Read(body, 0, body.Length, errors);
        Assert.True(config != null, string.Join("\n", ConfigFiles.All(errors)));
        Assert.Equal(2, config!.Buses[0].Devices.Length);
    }
}
