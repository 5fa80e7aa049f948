using System.Diagnostics;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>
/// One run of a scenario: builds the plant, creates the gateway through the factory, and steps
/// the virtual clock, applying timeline actions (the host honours power cuts and broker outages),
/// stepping the plant and the gateway, then judging expectations and recording series.
/// </summary>
public sealed class ScenarioRun : ISimEventSink
{
    private readonly List<(PlantVariable Variable, string Property, double From, double To, long StartMs, long EndMs)> _ramps = new();
    private readonly List<SimEvent> _events = new();
    private readonly RunState _state;
    private readonly ExpectationEngine _expectations;
    private int _nextAction;
    private long _powerOnAtMs = -1;
    private long _nextStepMs;

    public ScenarioRun(Scenario scenario, ISimulatedGatewayFactory factory, string? brokerUrl = null, long? durationOverrideMs = null)
    {
        Scenario = scenario;
        DurationMs = durationOverrideMs ?? scenario.DurationMs;
        Clock = new VirtualClock(scenario.StartUtcMs);
        Plant = scenario.Plant.Build(Clock, scenario.Seed);
        var errors = new ScenarioErrors(scenario.File);
        var gateway = factory.Create(new SimulatedGatewayContext
        {
            Clock = Clock, Plant = Plant, Events = this, Config = scenario.Gateway, ConfigPath = "gateway", BrokerUrl = brokerUrl, ScenarioFile = scenario.File,
        }, errors);
        if (gateway == null || errors.Count > 0) throw new ScenarioLoadException(errors.Count > 0 ? errors.List : new[] { new ScenarioError(scenario.File, "gateway", "the gateway could not be created") });
        Gateway = gateway;
        View = new GatewayView();
        Recorder = new RunRecorder(DurationMs, scenario.StepMs);
        _state = new RunState { Plant = Plant, Gateway = View };
        _expectations = new ExpectationEngine(scenario.Expectations, gateway.Capabilities, gateway.Description);
        Gateway.Describe(View);
        CheckChannelReferences(scenario, errors);
        if (errors.Count > 0) throw new ScenarioLoadException(errors.List);
        Gateway.PowerOn(0);
        Gateway.Describe(View);
    }

    public Scenario Scenario { get; }
    public long DurationMs { get; }
    public VirtualClock Clock { get; }
    public PlantModel Plant { get; }
    public ISimulatedGateway Gateway { get; }
    public GatewayView View { get; }
    public RunRecorder Recorder { get; }
    public IReadOnlyList<SimEvent> Events => _events;
    public long NowMs => Clock.MonotonicMs;
    public bool Finished => _nextStepMs > DurationMs;
    public bool GatewayPowered { get; private set; } = true;

    /// <summary>Called for each event as it happens (dashboard, headless log).</summary>
    public Action<SimEvent>? OnEvent { get; set; }

    public void Emit(SimEvent e)
    {
        _events.Add(e);
        _state.StepEvents.Add(e);
        OnEvent?.Invoke(e);
    }

    /// <summary>Advances one scenario step. Returns false once the run is over.</summary>
    public bool Step()
    {
        if (Finished) return false;
        long t = _nextStepMs;
        _nextStepMs += Scenario.StepMs;
        _state.StepEvents.Clear();
        // The gateway scans faster than the scenario steps: run its scans (and the plant) in between.
        long scan = Gateway.ScanIntervalMs;
        if (scan > 0 && t > 0)
        {
            for (long s = t - Scenario.StepMs + scan; s < t; s += scan)
            {
                Clock.AdvanceTo(s * 1000);
                ApplyRamps(s);
                Plant.Step();
                if (GatewayPowered) Gateway.Step(s);
            }
        }
        Clock.AdvanceTo(t * 1000);
        while (_nextAction < Scenario.Timeline.Count && Scenario.Timeline[_nextAction].AtMs <= t) Apply(Scenario.Timeline[_nextAction++], t);
        ApplyRamps(t);
        if (_powerOnAtMs >= 0 && t >= _powerOnAtMs)
        {
            _powerOnAtMs = -1;
            foreach (var r in Plant.Relays)
            {
                r.SupplyLost = false;
                r.Record();
            }
            foreach (var sensor in Plant.Sensors)
            {
                if (sensor.Unpowered) sensor.PowerOn();
            }
            GatewayPowered = true;
            Emit(new SimEvent(t, SimEventSource.Plant, "power_restored", "gateway", EventTexts.PowerRestored, true));
            Gateway.PowerOn(t);
        }
        Plant.Step();
        if (GatewayPowered) Gateway.Step(t);
        Gateway.Describe(View);
        _state.NowMs = t;
        _expectations.Observe(_state);
        Recorder.Sample(t, View, Plant, Finished);
        return true;
    }

    public RunResult RunToEnd(Action<ScenarioRun>? afterStep = null, RealTimePacer? pacer = null, CancellationToken cancel = default)
    {
        var wall = Stopwatch.StartNew();
        while (!Finished && !cancel.IsCancellationRequested)
        {
            pacer?.WaitUntil(_nextStepMs * 1000);
            Step();
            afterStep?.Invoke(this);
        }
        return Finish(wall.Elapsed);
    }

    public RunResult Finish(TimeSpan wall)
    {
        long end = NowMs;
        var results = _expectations.Finish(end, Gateway, cutShort: end < Scenario.DurationMs);
        return new RunResult(Scenario, Gateway.Description, results, _events.ToList(), Recorder, View, end, wall) { GatewayDescriptionZh = Gateway.DescriptionIn("zh") };
    }

    private void Apply(TimelineAction a, long t)
    {
        switch (a.Kind)
        {
            case ActionKind.Set:
                if (a.BoolValue is bool b) Plant.Contact(a.Target).Active = b;
                else
                {
                    var v = Plant.Variable(a.Target);
                    string prop = a.Property.Length > 0 ? a.Property : DefaultProperty(v);
                    _ramps.RemoveAll(r => r.Variable == v && r.Property == prop);
                    v.Set(prop, a.Value);
                }
                break;
            case ActionKind.Ramp:
            {
                var v = Plant.Variable(a.Target);
                string prop = a.Property.Length > 0 ? a.Property : DefaultProperty(v);
                _ramps.RemoveAll(r => r.Variable == v && r.Property == prop);
                _ramps.Add((v, prop, v.Get(prop), a.Value, t, t + a.OverMs));
                break;
            }
            case ActionKind.Fault:
                if (Plant.TryGetSensor(a.Target, out var s)) s.InjectFault(SensorFaultNames.ByName[a.Mode]);
                else if (Plant.TryGetRelay(a.Target, out var relay))
                {
                    if (a.Mode == "stuck_open") relay.StickOpen();
                    else relay.WeldShut();
                }
                else if (Plant.TryGetContact(a.Target, out var c))
                {
                    if (a.Mode == "chatter") c.Chatter((long)a.Value, Clock);
                    else c.Unreadable = true;
                }
                else if (Plant.TryGetBus(a.Target, out var bus))
                {
                    if (a.Mode == "disconnected") bus.Disconnected = true;
                    else bus.NoiseProbability = a.Value;
                }
                break;
            case ActionKind.Restore:
                if (Plant.TryGetSensor(a.Target, out var s2)) s2.ClearFault();
                else if (Plant.TryGetRelay(a.Target, out var r2)) r2.Repair();
                else if (Plant.TryGetContact(a.Target, out var c2))
                {
                    c2.Unreadable = false;
                    c2.StopChatter();
                }
                else if (Plant.TryGetBus(a.Target, out var bus2))
                {
                    bus2.Disconnected = false;
                    bus2.NoiseProbability = 0;
                }
                break;
            case ActionKind.TapCard:
                Plant.TryGetCardReader(a.Target, out var reader);
                reader.Tap(a.Card, t);
                break;
            case ActionKind.PressEstop:
                Plant.Contact(a.Target).Active = false;
                break;
            case ActionKind.ReleaseEstop:
                Plant.Contact(a.Target).Active = true;
                break;
            case ActionKind.BrokerDown:
                Plant.BrokerAvailable = false;
                break;
            case ActionKind.BrokerUp:
                Plant.BrokerAvailable = true;
                break;
            case ActionKind.PressReset:
                Emit(Timeline(a, t));
                if (GatewayPowered) Gateway.PressReset(a.Target, t);
                return;
            case ActionKind.PowerCut:
                if (GatewayPowered)
                {
                    Emit(Timeline(a, t));
                    GatewayPowered = false;
                    Gateway.PowerOff(t);
                    foreach (var r in Plant.Relays)
                    {
                        r.SupplyLost = true;
                        r.Record();
                    }
                    // Loop-powered transmitters share the gateway's supply: they warm up again.
                    foreach (var sensor in Plant.Sensors)
                    {
                        if (sensor.Spec.Interface == SensorInterface.Analog) sensor.PowerOff();
                    }
                }
                _powerOnAtMs = t + a.ForMs;
                return;
            case ActionKind.PushPermit:
                Emit(Timeline(a, t));
                if (!Gateway.PushPermit(a.Payload, t))
                    Emit(new SimEvent(t, SimEventSource.Plant, "permit_not_delivered", "", EventTexts.PermitNotDelivered, false));
                return;
            case ActionKind.LoopMilliamps:
                Plant.Sensor(a.Target).ForceMilliamps(a.Value);
                break;
            case ActionKind.ProofTest:
                Emit(Timeline(a, t));
                if (!GatewayPowered || !Gateway.StartProofTest(a.Target, t))
                    Emit(new SimEvent(t, SimEventSource.Plant, "proof_test_not_started", a.Target, EventTexts.ProofTestNotStarted, true));
                return;
            case ActionKind.SetClock:
                Emit(Timeline(a, t));
                if (!Gateway.SetWallClock(a.JumpMs, a.BoolValue, t))
                    Emit(new SimEvent(t, SimEventSource.Plant, "clock_not_set", "", EventTexts.ClockNotSet, false));
                return;
            case ActionKind.Command:
                Emit(Timeline(a, t));
                if (!Gateway.SubmitCommand(a.Payload, t))
                    Emit(new SimEvent(t, SimEventSource.Plant, "command_not_delivered", "", EventTexts.CommandNotDelivered, false));
                return;
        }
        Emit(Timeline(a, t));
    }

    private static SimEvent Timeline(TimelineAction a, long t)
    {
        string code = TimelineAction.Names.First(p => p.Value == a.Kind).Key;
        return new SimEvent(t, SimEventSource.Timeline, code, a.Target, TimelineText.Describe(a), a.Kind is not (ActionKind.Note));
    }

    private void ApplyRamps(long t)
    {
        for (int i = _ramps.Count - 1; i >= 0; i--)
        {
            var r = _ramps[i];
            double f = Math.Clamp((double)(t - r.StartMs) / (r.EndMs - r.StartMs), 0, 1);
            r.Variable.Set(r.Property, r.From + (r.To - r.From) * f);
            if (f >= 1) _ramps.RemoveAt(i);
        }
    }

    private static string DefaultProperty(PlantVariable v) => v is WellMixedGas ? WellMixedGas.Leak : SetPointVariable.ValueProperty;

    /// <summary>Conditions naming channels must name the gateway's channels (known only once it is created).</summary>
    private void CheckChannelReferences(Scenario scenario, ScenarioErrors errors)
    {
        if ((Gateway.Capabilities & GatewayCapabilities.Alarms) == 0) return;
        var channels = View.Channels.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var x in scenario.Expectations)
        {
            foreach (var c in Walk(x.When).Concat(Walk(x.Then)).Concat(Walk(x.Condition)))
            {
                if (c.Kind is ConditionKind.Reading or ConditionKind.Level or ConditionKind.Quality && !channels.Contains(c.Subject))
                    errors.Add(x.Path, $"no channel '{c.Subject}' in the gateway's channels ({string.Join(", ", channels)})");
                if (c.Kind == ConditionKind.Level && channels.Contains(c.Subject))
                {
                    var ch = View.Channel(c.Subject)!;
                    if (!ch.Levels.Any(l => l.Name == c.Detail))
                        errors.Add(x.Path, $"channel '{c.Subject}' has no level '{c.Detail}' (it has {string.Join(", ", ch.Levels.Select(l => l.Name))})");
                }
            }
        }
    }

    private static IEnumerable<Condition> Walk(Condition? c)
    {
        if (c == null) yield break;
        yield return c;
        foreach (var child in c.Children)
        {
            foreach (var d in Walk(child)) yield return d;
        }
    }
}

public sealed record RunResult(Scenario Scenario, string GatewayDescription, IReadOnlyList<ExpectationResult> Expectations,
    IReadOnlyList<SimEvent> Events, RunRecorder Recorder, GatewayView FinalView, long VirtualMs, TimeSpan Wall)
{
    public string GatewayDescriptionZh { get; init; } = "";
    public string GatewayDescriptionIn(string lang) => lang == "zh" && GatewayDescriptionZh.Length > 0 ? GatewayDescriptionZh : GatewayDescription;
    public int Failed => Expectations.Count(e => e.Verdict == Verdict.Failed);
    public int NotEvaluable => Expectations.Count(e => e.Verdict == Verdict.NotEvaluable);
    public int Passed => Expectations.Count(e => e.Verdict == Verdict.Passed);
}
