using System.Text;
using Qinshui.Edge.Desktop.Config;

namespace Qinshui.Edge.Tests.Config;

/// <summary>
/// `qedge config validate` (ConfigFiles.Load, the core's ConfigPipeline) reports every independent
/// mistake of a file in one run, each with its path, and a syntax error with its line and column
/// (issue 18: a file with four mistakes needed three rounds).
/// </summary>
public class EveryMistakeInOneRunTests
{
    /// <summary>hardware/examples/welding-bay.json with six independent mistakes, one or more per stage.</summary>
    private const string SixMistakes = """
        {
          "schemaVersion": 1,
          "site": { "id": "qinshui-coking-1" },
          "gateway": { "id": "gw-weld-bay-2" },
          "board": "esp32-wrover-devkitc-rs485-relay",
          "pins": { "bay-power": "relay1", "bay-power-fb": "feedback1", "welder-enable": "relay2", "estop-1": 6, "nvr-1": "nvr_ok", "reader-1": "card_data0" },
          "mqtt": { "brokr": "mqtts://platform.qinshui.example:8883" },
          "buses": [ { "id": "rs485-1", "port": "COM2", "baud": 9600, "devices": [
            { "name": "gas-1", "unit": 1, "profile": "generic-gas-transmitter", "pollIntervalMs": 1000 },
            { "name": "welder-1", "unit": 2, "profile": "welding-machine-chip", "pollIntervalMs": 1000 } ] } ],
          "cardReaders": [ "reader-1" ],
          "channels": [
            { "id": "ex-bay", "profile": "PLANT_COMBUSTIBLE", "gas": "CH4", "levels": [ { "kind": "alarm", "threshold": 60 } ],
              "source": { "bus": "rs485-1", "device": "gas-1", "point": "concentration" } },
            { "id": "co-bay", "profile": "PLANT_CO", "levels": [ { "kind": "alarm", "threshold": "10 furlongs" } ] },
            { "id": "h2s-bay", "profile": "PLANT_NO_SUCH" }
          ],
          "interlocks": {
            "outputs": [ { "id": "bay-power", "feedbackInput": "bay-power-fb" } ],
            "inputs": [ { "id": "bay-power-fb" }, { "id": "estop-1" }, { "id": "nvr-1" } ],
            "zones": [ { "id": "weld-bay-2", "channels": [ { "channel": "ex-bay", "permitLevel": "alarm" } ],
                         "outputs": [ "bay-power" ], "monitoringInput": "nvr-1", "emergencyStopInputs": [ "estop-1" ],
                         "requiresWorkAuthorisation": true, "platformLinkGraceMs": 300000, "settleMs": 9999999 } ]
          },
          "welding": {
            "stations": [ { "id": "st-1", "zone": "weld-bay-2", "machine": { "bus": "rs485-1", "device": "welder-1" },
                            "expectedMachineCode": "QSWM0001", "enableOutput": "welder-enable", "cardReader": "reader-1",
                            "gasChannels": [ "ex-bay" ], "settleMs": 5000 } ]
          }
        }
        """;

    private static ConfigFiles.Loaded Load(string json) => ConfigFiles.LoadBytes("site.json", Encoding.UTF8.GetBytes(json));

    private static List<string> Errors(ConfigFiles.Loaded l) =>
        ConfigFiles.All(l.Errors).Where(e => !e.IsWarning).Select(e => e.Path + " " + e.Code).ToList();

    [Fact]
    public void IndependentMistakesAcrossStages_AreAllReportedInOneRun_WithTheirPaths()
    {
        var loaded = Load(SixMistakes);
        var errors = Errors(loaded);
        string all = string.Join("\n", errors);
        Assert.Null(loaded.Config);
        Assert.Contains("channels[1].levels[0].threshold unit_conversion", errors); // qedge's unit stage
        Assert.Contains("mqtt.brokr unknown_member", errors);                       // read
        Assert.Contains("channels[2].profile unknown_profile", errors);             // read, one channel
        Assert.Contains("channels[0].levels[0].threshold looser_than_standard", errors); // tighten, another channel
        Assert.Contains(errors, e => e.StartsWith("interlocks.zones[0].settleMs ", StringComparison.Ordinal)); // validate core (zones)
        Assert.Contains(errors, e => e.EndsWith(" flash_pin", StringComparison.Ordinal));                   // validate board
        // One mistake, one report: the threshold that could not be converted is not read again as a type error.
        Assert.Single(errors, e => e.StartsWith("channels[1].levels[0].threshold ", StringComparison.Ordinal));
        Assert.True(errors.Count == 6, "expected the six mistakes only, got:\n" + all);
    }

    [Fact]
    public void AChannelThatDidNotRead_DoesNotEchoAsUnknownChannelInTheZonesNamingIt()
    {
        var loaded = Load(SixMistakes.Replace("\"profile\": \"PLANT_COMBUSTIBLE\"", "\"profile\": \"PLANT_NOPE\""));
        var errors = Errors(loaded);
        Assert.Contains("channels[0].profile unknown_profile", errors);
        Assert.DoesNotContain(errors, e => e.Contains("unknown_channel", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.EndsWith(" flash_pin", StringComparison.Ordinal)); // the board stage does not need the channels
    }

    [Fact]
    public void SyntaxError_GivesLineAndColumn()
    {
        var loaded = Load("{\n  \"schemaVersion\": 1,\n  \"site\": { \"id\": \"s\" }\n  \"gateway\": { \"id\": \"g\" }\n}");
        var e = Assert.Single(ConfigFiles.All(loaded.Errors));
        Assert.Equal("json_invalid", e.Code);
        Assert.Contains("line 4, column 3", e.English);
        Assert.Contains("第 4 行", e.Chinese);
    }

    [Fact]
    public void DuplicateKey_GivesTheLineAndColumnOfItsSecondName()
    {
        var loaded = Load("{\n  \"schemaVersion\": 1,\n  \"schemaVersion\": 1\n}");
        var e = Assert.Single(ConfigFiles.All(loaded.Errors));
        Assert.Contains("line 3, column 3", e.English);
        Assert.Contains("duplicate member \"schemaVersion\"", e.English);
    }

    [Fact]
    public void InvalidUtf8_GivesLineAndColumnInCharacters()
    {
        // "名" is three bytes but one column; the bad byte follows it on line 2.
        byte[] head = Encoding.UTF8.GetBytes("{\n  \"site\": { \"name\": \"名");
        byte[] bytes = [.. head, 0xFF, .. Encoding.UTF8.GetBytes("\" }\n}")];
        var loaded = ConfigFiles.LoadBytes("site.json", bytes);
        var e = Assert.Single(ConfigFiles.All(loaded.Errors));
        Assert.Contains("line 2, column 23", e.English);
        Assert.Contains("UTF-8", e.English);
    }
}
