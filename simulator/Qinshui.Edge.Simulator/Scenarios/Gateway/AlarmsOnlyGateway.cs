using System.Text.Json;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// TEMPORARY driver until the real gateway (scan orchestrator, Modbus master, zone engine,
/// journal, MQTT, welding) is merged: runs the core's <see cref="AlarmEngine"/> unchanged on the
/// plant's sensors — 4–20 mA loops through the analog-input port with NAMUR NE43 conditioning,
/// Modbus sensors read directly (not over the bus) — and drives each configured output as a
/// plain permissive: energised only while none of its channels is tripping (active, latched or
/// faulted trip level) and every required contact is active. It has no zones, journal, MQTT,
/// welding or commands: expectations needing them are reported not evaluable.
/// </summary>
public sealed class AlarmsOnlyGateway : ISimulatedGateway
{
    private readonly SimulatedGatewayContext _ctx;
    private readonly ChannelConfig[] _channels;
    private readonly ChannelBinding[] _bindings;
    private readonly OutputBinding[] _outputs;
    private AlarmEngine _engine;
    private bool _powered;

    internal AlarmsOnlyGateway(SimulatedGatewayContext ctx, ChannelConfig[] channels, ChannelBinding[] bindings, OutputBinding[] outputs)
    {
        _ctx = ctx;
        _channels = channels;
        _bindings = bindings;
        _outputs = outputs;
        _engine = new AlarmEngine(channels, 256);
    }

    public GatewayCapabilities Capabilities => GatewayCapabilities.Alarms | GatewayCapabilities.Outputs;
    public string Description => "alarms-only driver (temporary: core AlarmEngine, no zones/journal/MQTT/welding)";

    public void PowerOn(long nowMs)
    {
        // RAM state does not survive a power cut: a fresh engine, every level in fault until data.
        _engine = new AlarmEngine(_channels, 256);
        foreach (var b in _bindings) b.NextPollMs = nowMs;
        foreach (var o in _outputs)
        {
            o.Port.Write(false);
            o.Energised = false;
        }
        _powered = true;
        Emit(nowMs, "boot", "gateway", "gateway booted; outputs de-energised until conditions are proven", true);
    }

    public void PowerOff(long nowMs)
    {
        _powered = false;
        foreach (var o in _outputs) o.Energised = false;
    }

    public void Step(long nowMs)
    {
        if (!_powered) return;
        for (int i = 0; i < _bindings.Length; i++)
        {
            var b = _bindings[i];
            if (nowMs < b.NextPollMs) continue;
            b.NextPollMs += b.PollMs;
            if (b.NextPollMs <= nowMs) b.NextPollMs = nowMs + b.PollMs;
            _engine.Update(i, Poll(b, _channels[i], nowMs), nowMs);
        }
        _engine.Tick(nowMs);
        DrainTransitions();
        foreach (var o in _outputs)
        {
            string reason = "";
            foreach (int ch in o.Channels)
            {
                if (_engine.IsTripping(ch, LevelKind.Trip) || _engine.IsTripping(ch, LevelKind.SecondTrip))
                {
                    reason = (_engine.State(ch).IsFaulted ? "channel_fault:" : "gas_trip:") + _channels[ch].Id;
                    break;
                }
            }
            if (reason.Length == 0)
            {
                foreach (var (id, input) in o.Requires)
                {
                    if (!input.TryRead(out bool active)) { reason = "input_unreadable:" + id; break; }
                    if (!active) { reason = "input_inactive:" + id; break; }
                }
            }
            bool energise = reason.Length == 0;
            o.Reason = reason;
            if (energise != o.Energised)
            {
                o.Energised = energise;
                Emit(nowMs, energise ? "output_on" : "output_off", o.Id,
                    energise ? $"output {o.Id} energised" : $"output {o.Id} de-energised ({reason})", true);
            }
            o.Port.Write(energise);
        }
    }

    private Reading Poll(ChannelBinding b, ChannelConfig cfg, long nowMs)
    {
        long utc = _ctx.Clock.UtcMs;
        if (b.Sensor.Spec.Interface == SensorInterface.Modbus)
        {
            var r = b.Sensor.ReadDigital(nowMs, utc);
            return r;
        }
        if (!b.Input.TryReadMilliamps(out double mA)) return new Reading(double.NaN, cfg.Unit, Quality.CommunicationFault, nowMs, utc);
        if (NamurLoop.IsFailureLow(mA)) return new Reading(double.NaN, cfg.Unit, Quality.SensorFault, nowMs, utc);
        if (NamurLoop.IsFailureHigh(mA)) return new Reading(double.NaN, cfg.Unit, Quality.OutOfRange, nowMs, utc);
        // NE43: 3.8–4.0 mA is a valid under-scale measurement (zero drift), read as the range minimum.
        double v = mA < NamurLoop.ZeroMilliamps ? b.SpanMin : NamurLoop.ToValue(mA, b.SpanMin, b.SpanMax);
        return new Reading(v, cfg.Unit, Quality.Good, nowMs, utc);
    }

    private void DrainTransitions()
    {
        while (_engine.Transitions.TryDequeue(out var t))
        {
            string ch = _channels[t.ChannelIndex].Id;
            switch (t.Kind)
            {
                case TransitionKind.LevelChanged:
                {
                    string level = LevelNames.Kind(_channels[t.ChannelIndex].Levels[t.LevelIndex].Kind);
                    string to = LevelStatusNames.Name(t.To);
                    bool important = t.To is LevelStatus.Active or LevelStatus.Fault || t.From == LevelStatus.Active;
                    Emit(t.AtMs, "level_" + to, ch + "." + level, $"{ch} {level}: {LevelStatusNames.Name(t.From)} → {to}", important);
                    break;
                }
                case TransitionKind.QualityChanged:
                    Emit(t.AtMs, "quality_changed", ch, $"{ch} quality {QualityRules.Describe(t.Quality)}", false);
                    break;
                case TransitionKind.ResetAccepted:
                    Emit(t.AtMs, "reset_accepted", ch, $"{ch} reset accepted", true);
                    break;
                default:
                    Emit(t.AtMs, t.Kind.ToString().ToLowerInvariant(), ch, $"{ch} {t.Kind}", false);
                    break;
            }
        }
    }

    public void PressReset(string target, long nowMs)
    {
        if (!_powered) return;
        for (int i = 0; i < _channels.Length; i++)
        {
            if (target != "all" && _channels[i].Id != target) continue;
            var outcome = _engine.Reset(i, nowMs);
            if (outcome is not (ResetOutcome.Accepted or ResetOutcome.NothingToReset))
                Emit(nowMs, "reset_refused", _channels[i].Id, $"{_channels[i].Id} reset refused: {OutcomeText.Code(outcome)} — {OutcomeText.English(outcome)}", true);
        }
        DrainTransitions();
    }

    public bool PushPermit(JsonElement permit, long nowMs) => false;
    public bool SubmitCommand(JsonElement command, long nowMs) => false;

    public bool TryGetReply(string commandId, out bool accepted, out string reasonCode)
    {
        accepted = false;
        reasonCode = "";
        return false;
    }

    public bool TryCheck(string check, out bool passed, out string detail)
    {
        passed = false;
        detail = "";
        return false;
    }

    public void Describe(GatewayView view)
    {
        view.PoweredOn = _powered;
        if (view.Channels.Count == 0)
        {
            for (int i = 0; i < _channels.Length; i++)
            {
                var c = _channels[i];
                var cv = new ChannelView { Id = c.Id, Profile = c.ProfileId ?? "", Unit = c.Unit, SensorId = _bindings[i].Sensor.Id };
                foreach (var l in c.Levels)
                {
                    string name = LevelNames.Kind(l.Kind) + (l.Source == LevelSource.Instant ? "" : "_" + LevelNames.Source(l.Source));
                    cv.Levels.Add(new LevelView { Name = name, Threshold = l.Threshold, Restore = l.Restore, High = l.Direction == Direction.High });
                }
                view.Channels.Add(cv);
            }
            foreach (var o in _outputs) view.Outputs.Add(new OutputView { Id = o.Id, RelayId = o.RelayId });
        }
        for (int i = 0; i < _channels.Length; i++)
        {
            var st = _engine.State(i);
            var cv = view.Channels[i];
            cv.HasReading = st.HasReading && _powered;
            cv.Value = st.Last.Value;
            cv.Quality = _powered ? st.EffectiveQuality : Quality.NoData;
            for (int k = 0; k < st.Levels.Length; k++)
            {
                cv.Levels[k].Status = _powered ? LevelStatusNames.Name(st.Levels[k].Status) : "fault";
                cv.Levels[k].Tripping = !_powered || st.Levels[k].IsTripping;
                cv.Levels[k].Latched = st.Levels[k].Latched;
            }
        }
        for (int i = 0; i < _outputs.Length; i++)
        {
            view.Outputs[i].Energised = _outputs[i].Energised && _powered;
            view.Outputs[i].Reason = _powered ? _outputs[i].Reason : "power_off";
        }
    }

    private void Emit(long atMs, string code, string subject, string text, bool important)
    {
        _ctx.Events.Emit(new SimEvent(atMs, SimEventSource.Gateway, code, subject, text, important));
    }

    internal sealed class ChannelBinding
    {
        public required SimSensor Sensor { get; init; }
        public required IAnalogInput Input { get; init; }
        public double SpanMin { get; init; }
        public double SpanMax { get; init; }
        public long PollMs { get; init; }
        public long NextPollMs { get; set; }
    }

    internal sealed class OutputBinding
    {
        public required string Id { get; init; }
        public required string RelayId { get; init; }
        public required IDigitalOutput Port { get; init; }
        public required int[] Channels { get; init; }
        public required (string Id, IDigitalInput Input)[] Requires { get; init; }
        public bool Energised { get; set; }
        public string Reason { get; set; } = "";
    }
}
