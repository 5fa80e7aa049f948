using System.Text.Json.Nodes;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// The lab gateway of the Linux host's run tests: one ADS1115 loop (ai1, 0x49 on bus 1) feeding a
/// methane channel, one relay (GPIO 17) for the zone, and one card reader as the test gives it.
/// </summary>
internal static class LabHostConfig
{
    public static string Write(string dir, JsonObject reader, Action<JsonObject>? edit = null)
    {
        var root = new JsonObject
        {
            ["schemaVersion"] = 1,
            ["site"] = new JsonObject { ["id"] = "lab" },
            ["gateway"] = new JsonObject { ["id"] = "gw-pi" },
            ["mqtt"] = new JsonObject { ["enabled"] = false },
            ["analogInputs"] = new JsonArray("ai1"),
            ["cardReaders"] = new JsonArray("card"),
            ["pins"] = new JsonObject { ["lab-power"] = 17 },
            ["channels"] = new JsonArray(new JsonObject { ["id"] = "ch4-lab", ["profile"] = "MINE_CH4_FACE", ["source"] = new JsonObject { ["analog"] = "ai1" } }),
            ["interlocks"] = new JsonObject
            {
                ["outputs"] = new JsonArray(new JsonObject { ["id"] = "lab-power" }),
                ["zones"] = new JsonArray(new JsonObject { ["id"] = "lab", ["outputs"] = new JsonArray("lab-power"), ["channels"] = new JsonArray(new JsonObject { ["channel"] = "ch4-lab" }) }),
            },
            ["linuxHost"] = new JsonObject
            {
                ["analogInputs"] = new JsonObject { ["ai1"] = new JsonObject { ["i2cBus"] = 1, ["address"] = 0x49, ["input"] = "AIN2", ["fullScaleMillivolts"] = 4096, ["samplesPerSecond"] = 860, ["shuntOhms"] = 150 } },
                ["cardReaders"] = new JsonObject { ["card"] = reader },
            },
        };
        edit?.Invoke(root);
        string file = Path.Combine(dir, "config.json");
        File.WriteAllText(file, root.ToJsonString());
        return file;
    }
}
