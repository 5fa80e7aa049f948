using System.Text;
using Qinshui.Edge.Core.Boards;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Cli;
using Qinshui.Edge.Tests.Gateway;

namespace Qinshui.Edge.Tests.Device;

/// <summary>
/// The device's boot-time choice of configuration, fed with what `qedge config sign` writes
/// (the one format: a SignedEnvelope of type "config") and the shipped WROVER board.
/// </summary>
public sealed class ConfigSelectionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-device-config-").FullName;
    private static readonly BoardPinMap Wrover = DeviceConfigs.Board(DeviceConfigs.WroverBoardId);

    public void Dispose() => Directory.Delete(_dir, true);

    private static void OnWrover(GatewayConfig c, ValidationErrors e) => BoardBinding.Check(c, Wrover, e);

    /// <summary>Runs the real `qedge config sign` and returns the file it wrote.</summary>
    private byte[] QedgeSign(string json, long counter, long issuedUtcMs = 1_790_000_000_000)
    {
        string src = Path.Combine(_dir, "config-" + counter + ".json");
        string dst = Path.Combine(_dir, "config-" + counter + ".signed.json");
        File.WriteAllText(src, json);
        var o = new StringWriter();
        var e = new StringWriter();
        int code = CommandLine.Run(["config", "sign", src, "--key", DeviceConfigs.KeyHex, "--counter", counter.ToString(),
            "--issued-utc-ms", issuedUtcMs.ToString(), "--out", dst], o, e);
        Assert.True(code == 0, e.ToString());
        return File.ReadAllBytes(dst);
    }

    private static byte[] RawSign(string json, long counter) =>
        Qinshui.Edge.Core.Config.SignedEnvelope.Sign("config", System.Text.Encoding.UTF8.GetBytes(json), "gw-01", counter, 1_790_000_000_000, DeviceConfigs.Key);

    private static ConfigSelection Choose(byte[]? candidate, byte[]? lastGood, long lastAccepted = 0) =>
        ConfigSelection.Choose(candidate!, lastGood!, "gw-01", DeviceConfigs.Key, lastAccepted, OnWrover);

    [Fact]
    public void WhatQedgeSigns_IsChosen_AsTheGatewayConfiguration()
    {
        byte[] signed = QedgeSign(DeviceConfigs.Wrover, 3);
        var s = Choose(signed, null);
        Assert.Equal(ConfigSource.Candidate, s.Source);
        Assert.Equal(ConfigCheck.Ok, s.Reason);
        Assert.Equal(3, s.Counter);
        Assert.Equal(1_790_000_000_000, s.IssuedUtcMs);
        Assert.Same(signed, s.Envelope);
        // The signed body is the file without insignificant whitespace: the bytes `config push` sends and every tool hashes.
        Assert.Equal(Qinshui.Edge.Desktop.Platform.ConfigPush.SignedBody(DeviceConfigs.Bytes(DeviceConfigs.Wrover)).Body, s.Body);
        Assert.Equal("gw-01", s.Config.GatewayId);
        Assert.Equal(DeviceConfigs.WroverBoardId, s.Config.Board);
        Assert.Equal(2, s.Config.Channels.Length);
    }

    [Fact]
    public void TamperedOrTornCandidate_KeepsTheLastGood_AndSaysWhy()
    {
        byte[] good = QedgeSign(DeviceConfigs.Wrover, 3);
        byte[] next = QedgeSign(DeviceConfigs.Wrover.Replace("\"baud\": 9600", "\"baud\": 19200"), 4);

        byte[] altered = (byte[])next.Clone();
        int body = Encoding.UTF8.GetString(altered).IndexOf("\"body\":\"", StringComparison.Ordinal) + 20;
        altered[body] = (byte)(altered[body] == (byte)'A' ? 'B' : 'A');
        var s = Choose(altered, good, 3);
        Assert.Equal(ConfigSource.LastGood, s.Source);
        Assert.Equal(ConfigCheck.Unauthenticated, s.Reason);
        Assert.Equal("config_unauthenticated", ConfigCheckText.Code(s.Reason));
        Assert.Same(good, s.Envelope);

        byte[] torn = next.Take(next.Length / 2).ToArray(); // power cut while the file was written
        var t = Choose(torn, good, 3);
        Assert.Equal(ConfigSource.LastGood, t.Source);
        Assert.Equal(ConfigCheck.Malformed, t.Reason);
    }

    [Fact]
    public void AuthenticCandidate_TheBoardCannotCarry_KeepsTheLastGood_WithPaths()
    {
        byte[] good = QedgeSign(DeviceConfigs.Wrover, 3);
        // qedge itself refuses to sign these (it checks pins against the board); a config signed
        // elsewhere with the right key must still be refused by the device.
        byte[] otherBoard = RawSign(DeviceConfigs.Wrover.Replace(DeviceConfigs.WroverBoardId, DeviceConfigs.OlimexBoardId), 4);
        var s = Choose(otherBoard, good, 3);
        Assert.Equal(ConfigSource.LastGood, s.Source);
        Assert.Equal(ConfigCheck.Invalid, s.Reason);
        Assert.True(s.CandidateErrors.Contains("board_mismatch"));

        byte[] noPin = RawSign(DeviceConfigs.Wrover.Replace("\"relay1\"", "\"relay9\""), 5);
        var n = Choose(noPin, good, 3);
        Assert.Equal(ConfigSource.LastGood, n.Source);
        Assert.True(n.CandidateErrors.Contains("no_pin"));
        Assert.Equal("interlocks.outputs[0].id", Enumerable.Range(0, n.CandidateErrors.Count).Select(i => n.CandidateErrors[i]).First(e => e.Code == "no_pin").Path);
    }

    [Fact]
    public void OlderCandidate_IsARollback_AndAFileOlderThanTheAcceptedCounter_IsRefused()
    {
        byte[] five = QedgeSign(DeviceConfigs.Wrover, 5);
        byte[] four = QedgeSign(DeviceConfigs.Wrover, 4);
        var s = Choose(four, five, 5);
        Assert.Equal(ConfigSource.LastGood, s.Source);
        Assert.Equal(ConfigCheck.Replayed, s.Reason);
        Assert.Equal("config_rollback", ConfigCheckText.Code(s.Reason));

        // Last good file deleted and an older authentic one put back: the persisted counter refuses it.
        var r = Choose(null, four, 5);
        Assert.Equal(ConfigSource.None, r.Source);
        Assert.Equal(ConfigCheck.Replayed, r.Reason);
    }

    [Fact]
    public void NothingUsable_IsNone_WithTheReason()
    {
        var none = Choose(null, null);
        Assert.Equal(ConfigSource.None, none.Source);
        Assert.Equal(ConfigCheck.Missing, none.Reason);
        Assert.Equal("No configuration is stored on the gateway.", ConfigCheckText.English(none.Reason));

        byte[] forged = SignedEnvelope.Sign("config", DeviceConfigs.Bytes(DeviceConfigs.Wrover), "gw-01", 9, 1, new byte[32]);
        var f = Choose(forged, null);
        Assert.Equal(ConfigSource.None, f.Source);
        Assert.Equal(ConfigCheck.Unauthenticated, f.Reason);
        Assert.NotEmpty(ConfigCheckText.Chinese(f.Reason));

        byte[] permit = SignedEnvelope.Sign("permit", DeviceConfigs.Bytes(DeviceConfigs.Wrover), "gw-01", 9, 1, DeviceConfigs.Key);
        Assert.Equal(ConfigCheck.WrongType, Choose(permit, null).Reason);
        byte[] otherGateway = SignedEnvelope.Sign("config", DeviceConfigs.Bytes(DeviceConfigs.Wrover), "gw-02", 9, 1, DeviceConfigs.Key);
        Assert.Equal(ConfigCheck.WrongGateway, Choose(otherGateway, null).Reason);
        // Envelope for this gateway, body naming another one.
        byte[] bodyElsewhere = SignedEnvelope.Sign("config", DeviceConfigs.Bytes(DeviceConfigs.Wrover.Replace("\"gw-01\"", "\"gw-02\"")), "gw-01", 9, 1, DeviceConfigs.Key);
        Assert.Equal(ConfigCheck.WrongGateway, Choose(bodyElsewhere, null).Reason);
        Assert.Equal(ConfigCheck.Malformed, Choose(DeviceConfigs.Bytes("QECF\u0001binary"), null).Reason);
    }

    [Fact]
    public void InvalidContent_IsRefusedWithTheReadersErrors()
    {
        byte[] invalid = SignedEnvelope.Sign("config", DeviceConfigs.Bytes("{\"schemaVersion\":1}"), "gw-01", 9, 1, DeviceConfigs.Key);
        var s = Choose(invalid, null);
        Assert.Equal(ConfigCheck.Invalid, s.Reason);
        Assert.True(s.CandidateErrors.HasErrors);
    }

    [Fact]
    public void ConfigPushedOverMqtt_IsReSignedByTheDevice_ToTheExactBytesQedgeWrote()
    {
        // The GatewayRuntime accepts update_config; the firmware re-creates the envelope from body,
        // counter and issue time with the gateway key and stores it as the next boot's candidate.
        var f = new GatewayFixture();
        string pushed = GatewayFixture.ConfigJson.Replace("\"baud\": 19200", "\"baud\": 9600");
        byte[] qedge = SignedEnvelope.Sign("config", DeviceConfigs.Bytes(pushed), "gw-01", 7, 1_790_000_123_000, GatewayFixture.Key);
        Assert.True(JsonParser.TryParse(qedge, 0, qedge.Length, out JsonValue env, out _));
        byte[] args = Encoding.UTF8.GetBytes("{\"envelope\":" + Encoding.UTF8.GetString(qedge) + "}");
        Assert.True(JsonParser.TryParse(args, 0, args.Length, out JsonValue argsJson, out _));
        var result = new CommandResult();
        f.Runtime.RemoteUpdates.Apply("update_config", argsJson, result);
        Assert.True(result.Ok);

        Assert.NotNull(f.Runtime.PendingConfig);
        Assert.Equal(7, f.Runtime.PendingConfigCounter);
        Assert.Equal(1_790_000_123_000, f.Runtime.PendingConfigIssuedUtcMs);
        byte[] stored = SignedEnvelope.Sign("config", f.Runtime.PendingConfig!, "gw-01", f.Runtime.PendingConfigCounter, f.Runtime.PendingConfigIssuedUtcMs, GatewayFixture.Key);
        Assert.Equal(qedge, stored);
    }

    [Fact]
    public void ConfigPushedOverMqtt_OlderThanTheRunningOne_IsRefusedAsReplayed()
    {
        var f = new GatewayFixture();
        f.Runtime.AcceptConfigsAbove(7); // the composition root: the running configuration's counter
        byte[] older = SignedEnvelope.Sign("config", DeviceConfigs.Bytes(GatewayFixture.ConfigJson), "gw-01", 6, 1_790_000_123_000, GatewayFixture.Key);
        byte[] args = Encoding.UTF8.GetBytes("{\"envelope\":" + Encoding.UTF8.GetString(older) + "}");
        Assert.True(JsonParser.TryParse(args, 0, args.Length, out JsonValue argsJson, out _));
        var result = new CommandResult();
        f.Runtime.RemoteUpdates.Apply("update_config", argsJson, result);
        Assert.False(result.Ok);
        Assert.Null(f.Runtime.PendingConfig);
    }
}
