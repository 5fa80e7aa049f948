using System.Text;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Tests.Gates;

namespace Qinshui.Edge.Tests.Device;

/// <summary>A gateway configuration written for the shipped WROVER DevKitC board (ids are the board's pin roles).</summary>
internal static class DeviceConfigs
{
    public const string WroverBoardId = "esp32-wrover-devkitc-rs485-relay";
    public const string OlimexBoardId = "olimex-esp32-poe-iso";

    public static readonly byte[] Key = Enumerable.Range(40, 32).Select(i => (byte)i).ToArray();
    public static string KeyHex => Convert.ToHexString(Key);

    public const string Wrover = """
    {
      "schemaVersion": 1,
      "site": { "id": "mine-3" },
      "gateway": { "id": "gw-01" },
      "board": "esp32-wrover-devkitc-rs485-relay",
      "deviceProfiles": [
        { "id": "ch4-transmitter", "source": "test map", "points": [
          { "id": "concentration", "function": 3, "address": 0, "type": "s16", "scale": 0.01, "unit": "%vol" } ] }
      ],
      "buses": [ { "id": "rs485-1", "port": "COM2", "baud": 9600, "devices": [
        { "name": "gas-1", "unit": 1, "profile": "ch4-transmitter", "pollIntervalMs": 1000 } ] } ],
      "analogInputs": [ "ai1" ],
      "cardReaders": [ "card" ],
      "channels": [
        { "id": "ch4-face", "profile": "MINE_CH4_FACE", "source": { "bus": "rs485-1", "device": "gas-1", "point": "concentration" } },
        { "id": "ch4-return", "profile": "MINE_CH4_RETURN", "source": { "analog": "ai1" } }
      ],
      "interlocks": {
        "outputs": [ { "id": "relay1", "feedbackInput": "feedback1" } ],
        "inputs": [ { "id": "feedback1" }, { "id": "nvr_ok" } ],
        "zones": [ { "id": "face", "title": "掘进工作面", "channels": [ { "channel": "ch4-face", "permitLevel": "alarm" } ],
                     "outputs": [ "relay1" ], "monitoringInput": "nvr_ok" } ]
      }
    }
    """;

    public static byte[] Bytes(string json) => Encoding.UTF8.GetBytes(json);

    public static BoardPinMap Board(string id)
    {
        byte[] b = File.ReadAllBytes(Path.Combine(NanoGate.RepoRoot, "hardware", "boards", id + ".json"));
        var errors = new ValidationErrors();
        Assert.True(BoardLoader.TryLoad(b, 0, b.Length, "board", errors, out BoardPinMap board));
        return board;
    }
}
