using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The real gateway in the simulator: the core's <see cref="GatewayRuntime"/>, unchanged, built
/// from one JSON configuration, on the plant's ports (<see cref="PlantGatewayPorts"/>): relays,
/// contacts, 4–20 mA loops, card readers, and the virtual RS-485 buses on which simulated RTU
/// slaves answer the core's Modbus master with real frames. Scans run every
/// <see cref="ScanIntervalMs"/> of virtual time. A power cut drops the runtime; power-on builds a
/// new one with the boot counter + 1 from what survives: the journal store (plant-owned flash),
/// the last event hash and the command/permit counters (NVS). The platform side is
/// <see cref="IPlatformSide"/>: what it received answers the journal and MQTT checks, and it
/// carries the platform's signed commands and permits to the gateway over MQTT.
/// </summary>
public sealed partial class RealGateway : ISimulatedGateway, IExposureStore
{
    private readonly SimulatedGatewayContext _ctx;
    private readonly GatewayConfig _config;
    private readonly byte[] _key;
    private readonly IPlatformSide _platform;
    private readonly PlantGatewayPorts _ports;
    private readonly string[] _sensorOfChannel;
    private GatewayRuntime? _rt;
    private long _bootCounter;
    private byte[]? _lastEventHash;
    private long _lastCommandCounter;
    private long _lastPermitCounter;
    // The last exposure checkpoint the runtime saved (NVS): only what was saved survives a cut.
    private byte[]? _exposureCheckpoint;
    private long _platformCommandCounter;
    private long _platformPermitCounter;
    private int _inboxSeen;

    // Last described state, to report changes as run events.
    private readonly Dictionary<string, string> _last = new(StringComparer.Ordinal);
    private readonly SimBusThread _busThread;

    internal RealGateway(SimulatedGatewayContext ctx, GatewayConfig config, byte[] key, IPlatformSide platform, long scanIntervalMs)
    {
        _ctx = ctx;
        _config = config;
        _key = key;
        _platform = platform;
        ScanIntervalMs = scanIntervalMs;
        _busThread = new SimBusThread(ctx.Clock, scanIntervalMs, () => _rt);
        _ports = new PlantGatewayPorts(ctx.Plant, platform.Link, new EventLog(this));
        _sensorOfChannel = new string[config.Channels.Length];
        for (int c = 0; c < config.Channels.Length; c++)
        {
            var kind = config.SourceKind(c);
            if (kind == ChannelSourceKind.Analog) _sensorOfChannel[c] = config.SourceAnalogInputId(c);
            else if (kind == ChannelSourceKind.Modbus)
            {
                string bus = config.BusPorts[config.SourceBus(c)];
                var dev = config.Buses[config.SourceBus(c)].Devices[config.SourceDevice(c)];
                var sensor = ctx.Plant.Sensors.FirstOrDefault(x => x.Spec.Interface == SensorInterface.Modbus && x.Spec.Bus == bus && dev != null && x.Spec.SlaveAddress == dev.Unit);
                _sensorOfChannel[c] = sensor?.Id ?? "";
            }
            else _sensorOfChannel[c] = "";
        }
    }

    public GatewayCapabilities Capabilities => GatewayCapabilities.Alarms | GatewayCapabilities.Outputs | GatewayCapabilities.Zones
        | GatewayCapabilities.Welding | GatewayCapabilities.Journal | GatewayCapabilities.Mqtt | GatewayCapabilities.Commands;

    public string Description => $"core gateway ({_config.GatewayId}, boot {_bootCounter}; MQTT: {_platform.Description})";
    public string DescriptionIn(string lang) => lang == "zh" ? $"核心网关（{_config.GatewayId}，第 {_bootCounter} 次启动；MQTT：{_platform.DescriptionZh}）" : Description;

    public long ScanIntervalMs { get; }
    public GatewayConfig Config => _config;
    public GatewayRuntime? Runtime => _rt;
    public IPlatformSide Platform => _platform;
    public long BootCounter => _bootCounter;

    public void PowerOn(long nowMs)
    {
        _bootCounter++;
        var boot = new GatewayBoot(_key, _bootCounter, "qedge-sim")
        {
            LastEventHash = _lastEventHash,
            LastCommandCounter = _lastCommandCounter,
            LastPermitCounter = _lastPermitCounter,
            ExposureRecord = _exposureCheckpoint,
            ExposureHistoryExpected = _bootCounter > 1,
        };
        _platform.GatewayPowered(true);
        _rt = new GatewayRuntime(_config, _ports, boot);
        _rt.Exposure.Store = this;
        Emit(nowMs, "boot", _config.GatewayId, _rt.IsOperational ? EventTexts.Booted(_bootCounter) : EventTexts.NotOperational(_rt.Failure), true);
    }

    public bool SaveExposure(byte[] checkpoint, int length)
    {
        _exposureCheckpoint = checkpoint.AsSpan(0, length).ToArray();
        return true;
    }

    public void PowerOff(long nowMs)
    {
        if (_rt == null) return;
        // What the device keeps in NVS across a power cut.
        _lastEventHash = new byte[32];
        _rt.Events.CopyLastHash(_lastEventHash, 0);
        _lastCommandCounter = _rt.Commands.LastAcceptedCounter;
        _lastPermitCounter = _rt.Permits.LastCounter;
        _rt = null;
        _platform.GatewayPowered(false);
    }

    public void Step(long nowMs)
    {
        if (_rt == null) return;
        _platform.BrokerAvailable(_ctx.Plant.BrokerAvailable);
        _rt.Scan();
        _busThread.AfterScan();
        ReportChanges(nowMs);
    }

    public void PressReset(string target, long nowMs)
    {
        if (_rt == null) return;
        var zones = _rt.Zones;
        for (int z = 0; z < zones.ZoneCount; z++)
        {
            var zc = zones.Config(z);
            bool hit = target == "all" || zc.Id == target || Enumerable.Range(0, zc.ChannelCount).Any(i => zc.ChannelId(i) == target) || zc.OutputIds.Contains(target);
            if (!hit) continue;
            var o = zones.RequestLocalReset(z);
            if (o == ZoneResetOutcome.NothingToReset) continue;
            string code = o == ZoneResetOutcome.Accepted ? "reset_accepted" : "reset_refused";
            Emit(nowMs, code, zc.Id, EventTexts.Reset(zc.Id, o, ZoneResetName(o)), true);
            // Also under the name pressed (a channel or output), so expectations can name either.
            if (target != "all" && target != zc.Id) Emit(nowMs, code, target, EventTexts.ResetOf(target, o, ZoneResetName(o)), false);
        }
    }

    public bool PushPermit(JsonElement permit, long nowMs)
    {
        long utc = _ctx.Clock.UtcMs;
        var body = new JsonObject();
        string? commandId = null;
        bool forged = false;
        long? counter = null;
        long validFor = 8 * 3_600_000L;
        long? expiredAgo = null;
        long analysisAgo = 0;
        string signedFor = _config.GatewayId;
        foreach (var p in permit.EnumerateObject())
        {
            switch (p.Name)
            {
                case "id": body["permitId"] = p.Value.GetString(); break;
                case "area": body["zone"] = p.Value.GetString(); break;
                case "card": break; // the welder is bound by the registry, not by the permit
                case "commandId": commandId = p.Value.GetString(); break;
                case "forged": forged = p.Value.ValueKind == JsonValueKind.True; break;
                case "counter": counter = p.Value.GetInt64(); break;
                case "validFor": validFor = DurationOf(p.Value); break;
                case "expiredAgo": expiredAgo = DurationOf(p.Value); break;
                case "analysisAgo": analysisAgo = DurationOf(p.Value); break;
                case "gateway": signedFor = p.Value.GetString() ?? ""; break;
                default: body[p.Name] = JsonNode.Parse(p.Value.GetRawText()); break;
            }
        }
        body["kind"] ??= "hot_work";
        if (expiredAgo is long ago)
        {
            body["validToUtcMs"] ??= utc - ago;
            body["validFromUtcMs"] ??= utc - ago - validFor;
        }
        body["validFromUtcMs"] ??= utc - 1000;
        body["validToUtcMs"] ??= utc + validFor;
        body["gasAnalysisUtcMs"] ??= utc - analysisAgo;
        long ctr = counter ?? ++_platformPermitCounter;
        if (counter is long c && c > _platformPermitCounter) _platformPermitCounter = c;
        byte[] key = forged ? SHA256.HashData(Encoding.UTF8.GetBytes("not the gateway's key")) : _key;
        byte[] envelope = SignedEnvelope.Sign("permit", Encoding.UTF8.GetBytes(body.ToJsonString()), signedFor, ctr, utc, key);
        string id = commandId ?? "permit-" + (body["permitId"]?.GetValue<string>() ?? "?") + "-" + ctr;
        SendCommand(id, "update_permits", "{\"envelope\":" + Encoding.UTF8.GetString(envelope) + "}", false, null, false, nowMs);
        return true;
    }

    public bool SetWallClock(long jumpMs, bool? trusted, long nowMs)
    {
        if (jumpMs != 0) _ports.WallClock.Jump(jumpMs);
        if (trusted is bool t) _ports.WallClock.SetTrusted(t);
        return true;
    }

    public bool SubmitCommand(JsonElement command, long nowMs)
    {
        string id = command.TryGetProperty("id", out var i) ? i.GetString() ?? "" : "";
        string cmd = command.TryGetProperty("cmd", out var c) ? c.GetString() ?? "" : command.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        string args = command.TryGetProperty("args", out var a) ? a.GetRawText() : "{}";
        bool forged = command.TryGetProperty("forged", out var f) && f.ValueKind == JsonValueKind.True;
        long? counter = command.TryGetProperty("counter", out var k) ? k.GetInt64() : null;
        bool expired = command.TryGetProperty("expired", out var e) && e.ValueKind == JsonValueKind.True;
        if (cmd == "unlock")
        {
            // Not a command the gateway knows (nothing may force an output on): sent as is, it is refused.
            args = "{}";
        }
        SendCommand(id, cmd, args, forged, counter, expired, nowMs);
        return true;
    }

    /// <summary>Signs and sends a command envelope (docs/mqtt.md, "Command envelope") on the gateway's cmd topic.</summary>
    private void SendCommand(string id, string cmd, string argsJson, bool forged, long? counter, bool expired, long nowMs)
    {
        long utc = _ctx.Clock.UtcMs;
        long ctr = counter ?? ++_platformCommandCounter;
        if (counter is long c && c > _platformCommandCounter) _platformCommandCounter = c;
        long exp = expired ? utc - 1000 : utc + 60_000;
        string body = "{\"v\":1,\"id\":" + JsonSerializer.Serialize(id) + ",\"gw\":" + JsonSerializer.Serialize(_config.GatewayId)
                      + ",\"ctr\":" + ctr + ",\"exp\":" + exp + ",\"cmd\":" + JsonSerializer.Serialize(cmd) + ",\"args\":" + argsJson;
        byte[] bodyBytes = Encoding.UTF8.GetBytes(body);
        byte[] key = forged ? SHA256.HashData(Encoding.UTF8.GetBytes("not the gateway's key")) : _key;
        string mac = Convert.ToHexString(HMACSHA256.HashData(key, bodyBytes)).ToLowerInvariant();
        byte[] payload = Encoding.UTF8.GetBytes(body + ",\"mac\":\"" + mac + "\"}");
        _platform.SendCommand($"qinshui/v1/{_config.SiteId}/{_config.GatewayId}/cmd", payload);
        Emit(nowMs, "command_sent", id, EventTexts.CommandSent(cmd, id, payload.Length, forged), false);
    }

    public bool TryGetReply(string commandId, out bool accepted, out string reasonCode)
    {
        accepted = false;
        reasonCode = "";
        bool found = false;
        foreach (var m in _platform.Inbox.Messages)
        {
            if (m.Kind != "reply") continue;
            using var doc = JsonDocument.Parse(m.Payload);
            var r = doc.RootElement;
            if (!r.TryGetProperty("id", out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != commandId) continue;
            accepted = r.GetProperty("ok").GetBoolean();
            reasonCode = r.TryGetProperty("code", out var code) ? code.GetString() ?? "" : "";
            found = true;
        }
        return found;
    }

    public bool TryCheck(string check, out bool passed, out string detail)
    {
        var inbox = _platform.Inbox;
        DrainForChecks();
        switch (check)
        {
            case "event_chain_intact":
                passed = inbox.CheckEventChain(out detail);
                return true;
            case "no_reading_lost":
                passed = inbox.CheckNoGaps(out detail);
                if (passed && _rt != null && _platform.Link.IsConnected && _rt.Journal.PendingData > 0)
                    detail += $"; {_rt.Journal.PendingData} data records still in flight at the end";
                return true;
            case "no_duplicates":
                passed = inbox.CheckNoDuplicates(out detail);
                return true;
            case "journal_replayed":
                passed = inbox.CheckReplayed(out detail);
                return true;
        }
        passed = false;
        detail = "";
        return false;
    }

    /// <summary>
    /// Before judging what the platform received, lets what is already journalled reach it: up to
    /// 5 s of further scans while connected (the platform waits for messages in flight; a record
    /// still missing after that is lost).
    /// </summary>
    private void DrainForChecks()
    {
        if (_drained || _rt == null) return;
        _drained = true;
        for (int i = 0; i < 5000 / ScanIntervalMs && _platform.Link.IsConnected; i++)
        {
            // At least one data batch interval, so the batch open in RAM is journalled and sent.
            if (i * ScanIntervalMs > _config.Mqtt.DataBatchIntervalMs + 500 && _rt.Journal.PendingData + _rt.Journal.PendingPriority == 0) break;
            _ctx.Clock.AdvanceTo(_ctx.Clock.NowMicros + ScanIntervalMs * 1000);
            _rt.Scan();
        }
    }

    private bool _drained;

    private static long DurationOf(JsonElement e)
    {
        if (e.ValueKind == JsonValueKind.Number) return e.GetInt64();
        if (e.ValueKind == JsonValueKind.String && Duration.TryParseMs(e.GetString()!, out long ms)) return ms;
        throw new FormatException($"'{e.GetRawText()}' is not a duration");
    }

    private void Emit(long atMs, string code, string subject, LocalText text, bool important)
    {
        _ctx.Events.Emit(new SimEvent(atMs, SimEventSource.Gateway, code, subject, text, important));
    }

    /// <summary>The core's log: warnings and errors become run events.</summary>
    private sealed class EventLog(RealGateway g) : ILogSink
    {
        public bool IsEnabled(LogLevel level) => level >= LogLevel.Warning;

        public void Write(LogLevel level, string message)
        {
            if (level >= LogLevel.Warning) g.Emit(g._ctx.Clock.MonotonicMs, "log_" + level.ToString().ToLowerInvariant(), g._config.GatewayId, EventTexts.Log(level.ToString().ToLowerInvariant(), message), level == LogLevel.Error);
        }
    }
}
