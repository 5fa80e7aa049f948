using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;

using Qinshui.Edge.Tests.Tools;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>"linuxHost" in the core's reader: the ADS1115, MFRC522 and PN532 settings a Linux host needs, every mistake with its path.</summary>
public sealed class LinuxHostConfigTests
{
    private static JsonObject Root(JsonObject linuxHost) => new()
    {
        ["schemaVersion"] = 1,
        ["site"] = new JsonObject { ["id"] = "lab" },
        ["gateway"] = new JsonObject { ["id"] = "gw-pi" },
        ["mqtt"] = new JsonObject { ["enabled"] = false },
        ["analogInputs"] = new JsonArray("ai1"),
        ["cardReaders"] = new JsonArray("card"),
        ["channels"] = new JsonArray(new JsonObject { ["id"] = "ch4-lab", ["profile"] = "MINE_CH4_FACE", ["source"] = new JsonObject { ["analog"] = "ai1" } }),
        ["linuxHost"] = linuxHost,
    };

    [Fact]
    public void Schema_AcceptsAValidSection_AndRejectsAReaderOnTwoBuses()
    {
        var good = Root(new JsonObject
        {
            ["analogInputs"] = new JsonObject { ["ai1"] = new JsonObject { ["address"] = 0x49, ["input"] = "AIN1", ["shuntOhms"] = 150 } },
            ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "mfrc522", ["spiBus"] = 0, ["resetLine"] = 25 } },
        });
        using var doc = JsonDocument.Parse(good.ToJsonString());
        var result = Repo.Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, SchemaAgreementTests.Describe(result));

        good["linuxHost"]!["cardReaders"]!["card"]!["i2cBus"] = 1;
        using var bad = JsonDocument.Parse(good.ToJsonString());
        Assert.False(Repo.Schema.Evaluate(bad.RootElement).IsValid);
    }

    private static (GatewayConfig? config, ValidationErrors errors) Read(JsonObject linuxHost)
    {
        var root = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["site"] = new JsonObject { ["id"] = "lab" },
            ["gateway"] = new JsonObject { ["id"] = "gw-pi" },
            ["mqtt"] = new JsonObject { ["enabled"] = false },
            ["analogInputs"] = new JsonArray("ai1", "ai2"),
            ["cardReaders"] = new JsonArray("card"),
            ["channels"] = new JsonArray(new JsonObject { ["id"] = "ch4-lab", ["profile"] = "MINE_CH4_FACE", ["source"] = new JsonObject { ["analog"] = "ai1" } }),
            ["linuxHost"] = linuxHost,
        };
        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
        var errors = new ValidationErrors();
        return (GatewayConfigReader.Read(bytes, 0, bytes.Length, errors), errors);
    }

    private static IEnumerable<ValidationError> All(ValidationErrors e)
    {
        for (int i = 0; i < e.Count; i++) yield return e[i];
    }

    [Fact]
    public void CompleteSection_IsRead_WithDefaults()
    {
        var (config, errors) = Read(new JsonObject
        {
            ["analogInputs"] = new JsonObject
            {
                ["ai1"] = new JsonObject { ["shuntOhms"] = 100 },
                ["ai2"] = new JsonObject { ["i2cBus"] = 3, ["address"] = 0x4B, ["input"] = "AIN2-AIN3", ["fullScaleMillivolts"] = 2048, ["samplesPerSecond"] = 475, ["shuntOhms"] = 62 },
            },
            ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "mfrc522", ["i2cBus"] = 1, ["address"] = 0x2C, ["resetLine"] = 25 } },
        });
        Assert.True(config != null, string.Join("; ", All(errors).Select(e => e.Path + ": " + e.English)));
        var a1 = config!.LinuxHost.AnalogInput("ai1");
        Assert.Equal((1, 0x48, "AIN0", 4, 4096, 128), (a1.I2cBus, a1.Address, a1.Input, a1.Multiplexer, a1.FullScaleMillivolts, a1.SamplesPerSecond));
        var a2 = config.LinuxHost.AnalogInput("ai2");
        Assert.Equal((3, 0x4B, 3, 2048, 475, 62.0), (a2.I2cBus, a2.Address, a2.Multiplexer, a2.FullScaleMillivolts, a2.SamplesPerSecond, a2.ShuntOhms));
        var card = config.LinuxHost.CardReader("card");
        Assert.Equal((-1, 1, 0x2C, 25, 100), (card.SpiBus, card.I2cBus, card.Address, card.ResetLine, card.PollIntervalMs));
    }

    [Fact]
    public void AbsentSection_LeavesLinuxHostNull_AsOnTheDevice()
    {
        var root = new JsonObject { ["schemaVersion"] = 1, ["site"] = new JsonObject { ["id"] = "s" }, ["gateway"] = new JsonObject { ["id"] = "g" }, ["channels"] = new JsonArray() };
        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
        var config = GatewayConfigReader.Read(bytes, 0, bytes.Length, new ValidationErrors());
        Assert.NotNull(config);
        Assert.Null(config!.LinuxHost);
    }

    [Fact]
    public void Mistakes_AreEachReportedWithTheirPath()
    {
        var (config, errors) = Read(new JsonObject
        {
            ["analogInputs"] = new JsonObject
            {
                ["ai1"] = new JsonObject { ["input"] = "AIN4", ["fullScaleMillivolts"] = 3000, ["samplesPerSecond"] = 100, ["shuntOhms"] = 100, ["gain"] = 2 },
                ["ai2"] = new JsonObject { ["fullScaleMillivolts"] = 2048, ["shuntOhms"] = 250 },
                ["ai9"] = new JsonObject { ["shuntOhms"] = 100 },
            },
            ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "acr122", ["spiBus"] = 0, ["i2cBus"] = 1 } },
        });
        Assert.Null(config);
        var got = All(errors).Select(e => (e.Path, e.Code)).ToList();
        Assert.Contains(("linuxHost.analogInputs.ai1.input", "host_input"), got);
        Assert.Contains(("linuxHost.analogInputs.ai1.fullScaleMillivolts", "host_range"), got);
        Assert.Contains(("linuxHost.analogInputs.ai1.samplesPerSecond", "host_range"), got);
        Assert.Contains(("linuxHost.analogInputs.ai1.gain", "unknown_member"), got);
        // 21 mA × 250 Ω = 5.25 V: a ±2.048 V range would clip the NE43 failure signal into a value.
        Assert.Contains(("linuxHost.analogInputs.ai2.fullScaleMillivolts", "host_range_too_small"), got);
        Assert.Contains(("linuxHost.analogInputs.ai9", "unknown_input"), got);
        Assert.Contains(("linuxHost.cardReaders.card.chip", "host_chip"), got);
        Assert.Contains(("linuxHost.cardReaders.card", "host_bus"), got);
        Assert.All(All(errors), e => Assert.False(string.IsNullOrEmpty(e.Chinese)));
    }

    [Theory]
    [InlineData("{\"chip\":\"pn532\",\"serialPort\":\"/dev/serial0\"}", true)]
    [InlineData("{\"chip\":\"pn532\",\"i2cBus\":1}", true)]
    [InlineData("{\"chip\":\"pn532\"}", false)]
    [InlineData("{\"chip\":\"pn532\",\"serialPort\":\"/dev/serial0\",\"i2cBus\":1}", false)]
    [InlineData("{\"chip\":\"pn532\",\"spiBus\":0}", false)]
    [InlineData("{\"chip\":\"pn532\",\"serialPort\":\"/dev/serial0\",\"resetLine\":25}", false)]
    [InlineData("{\"chip\":\"pn532\",\"serialPort\":\"\"}", false)]
    [InlineData("{\"chip\":\"mfrc522\",\"spiBus\":0,\"serialPort\":\"/dev/serial0\"}", false)]
    [InlineData("{\"chip\":\"acr122\",\"i2cBus\":1}", false)]
    public void SchemaAndReader_AgreeOnPn532Readers(string reader, bool valid)
    {
        var section = new JsonObject { ["cardReaders"] = new JsonObject { ["card"] = JsonNode.Parse(reader) } };
        var (config, errors) = Read(section.DeepClone().AsObject());
        Assert.Equal(valid, config != null);
        Assert.Equal(valid, errors.Count == 0);
        using var doc = JsonDocument.Parse(Root(section).ToJsonString());
        var result = Repo.Schema.Evaluate(doc.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(valid == result.IsValid, reader + ": " + SchemaAgreementTests.Describe(result));
    }

    [Fact]
    public void Pn532_IsRead_OnHsuOrI2c_WithItsOwnAddress()
    {
        var (config, errors) = Read(new JsonObject { ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "pn532", ["serialPort"] = "/dev/serial0", ["pollIntervalMs"] = 50 } } });
        Assert.True(config != null, string.Join("; ", All(errors).Select(e => e.Path + ": " + e.English)));
        var card = config!.LinuxHost.CardReader("card");
        Assert.Equal(("pn532", "/dev/serial0", -1, -1, 50), (card.Chip, card.SerialPort, card.I2cBus, card.SpiBus, card.PollIntervalMs));

        (config, errors) = Read(new JsonObject { ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "pn532", ["i2cBus"] = 1 } } });
        Assert.True(config != null, string.Join("; ", All(errors).Select(e => e.Path + ": " + e.English)));
        card = config!.LinuxHost.CardReader("card");
        // UM0701-02 §6.2.4: 0x24, not the MFRC522's 0x28.
        Assert.Equal(("", 1, 0x24), (card.SerialPort, card.I2cBus, card.Address));
    }

    [Fact]
    public void Pn532Mistakes_AreEachReportedWithTheirPath_InEnglishAndChinese()
    {
        var (config, errors) = Read(new JsonObject
        {
            ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "pn532", ["spiBus"] = 0, ["resetLine"] = 25 } },
        });
        Assert.Null(config);
        var got = All(errors).Select(e => (e.Path, e.Code)).ToList();
        Assert.Contains(("linuxHost.cardReaders.card.spiBus", "host_chip_option"), got);
        Assert.Contains(("linuxHost.cardReaders.card.resetLine", "host_chip_option"), got);
        Assert.Contains(("linuxHost.cardReaders.card", "host_bus"), got);
        var bus = All(errors).First(e => e.Code == "host_bus");
        Assert.Contains("serialPort", bus.English);
        Assert.Contains("serialPort", bus.Chinese);
        Assert.Contains("PN532", bus.Chinese);

        (config, errors) = Read(new JsonObject
        {
            ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "mfrc522", ["spiBus"] = 0, ["serialPort"] = "/dev/serial0" } },
        });
        Assert.Null(config);
        var option = Assert.Single(All(errors));
        Assert.Equal(("linuxHost.cardReaders.card.serialPort", "host_chip_option"), (option.Path, option.Code));
        Assert.Contains("串口", option.Chinese);

        (config, errors) = Read(new JsonObject
        {
            ["cardReaders"] = new JsonObject { ["card"] = new JsonObject { ["chip"] = "pn532", ["serialPort"] = "" } },
        });
        Assert.Null(config);
        Assert.Equal([("linuxHost.cardReaders.card.serialPort", "host_bus")], All(errors).Select(e => (e.Path, e.Code)));
    }
}
