using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Plant;
using Qinshui.Edge.Simulator.Scenarios.Gateway;

namespace Qinshui.Edge.Simulator.Scenarios;

/// <summary>Time series of a run for the report: channel readings, true plant values, outputs.</summary>
public sealed class RunRecorder
{
    private readonly long _intervalMs;
    private long _nextMs;

    public RunRecorder(long durationMs, long stepMs)
    {
        // At most ~4000 points per series: enough for a plot, bounded for an 8-hour run.
        long interval = Math.Max(stepMs, durationMs / 4000);
        _intervalMs = interval - interval % stepMs;
        if (_intervalMs <= 0) _intervalMs = stepMs;
    }

    public List<double> TimesS { get; } = new();
    public Dictionary<string, List<double>> ChannelValues { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<bool>> ChannelBad { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<double>> PlantValues { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<double>> SensorValues { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<double>> OutputStates { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<double>> LoadStates { get; } = new(StringComparer.Ordinal);

    public void Sample(long nowMs, GatewayView view, PlantModel plant, bool force = false)
    {
        if (nowMs < _nextMs && !force) return;
        _nextMs = nowMs + _intervalMs;
        TimesS.Add(nowMs / 1000.0);
        foreach (var c in view.Channels)
        {
            bool bad = !c.HasReading || QualityRules.IsBad(c.Quality);
            Series(ChannelValues, c.Id).Add(bad ? double.NaN : c.Value);
            Series(ChannelBad, c.Id).Add(bad);
        }
        foreach (var v in plant.Variables) Series(PlantValues, v.Id).Add(v.Value);
        foreach (var s in plant.Sensors) Series(SensorValues, s.Id).Add(s.IndicatedValue);
        foreach (var r in plant.Relays)
        {
            Series(OutputStates, r.Id).Add(r.Energised && !r.SupplyLost ? 1 : 0);
            Series(LoadStates, r.Id).Add(r.LoadPowered ? 1 : 0);
        }
    }

    private static List<T> Series<T>(Dictionary<string, List<T>> d, string id)
    {
        if (!d.TryGetValue(id, out var list)) d[id] = list = new List<T>();
        return list;
    }
}
