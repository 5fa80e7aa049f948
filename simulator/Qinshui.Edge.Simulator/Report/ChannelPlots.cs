using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using ScottPlot;

namespace Qinshui.Edge.Simulator.Report;

/// <summary>
/// The report's pictures, made with ScottPlot 5 (SkiaSharp, renders headless on Linux): every
/// channel against its thresholds with the true plant value and bad-quality spans, the outputs
/// and loads as steps, all on the same time axis, with the timeline's events as vertical marks.
/// Plot text is ASCII (ids, units): the fonts SkiaSharp finds on a bare server may lack CJK glyphs.
/// </summary>
public static class ChannelPlots
{
    public const int Width = 1100;
    public const int ChannelHeight = 300;

    public static byte[] Channel(RunResult run, ChannelView channel)
    {
        var rec = run.Recorder;
        var plt = NewPlot(run, $"{channel.Id}  ({(channel.Profile.Length > 0 ? channel.Profile : "site levels")})", Units.Symbol(channel.Unit));
        double[] t = rec.TimesS.ToArray();

        // True value of what the sensor measures, when the gateway says which sensor it is.
        var sensor = run.Scenario.Plant.Sensors.Find(s => s.Id == channel.SensorId);
        if (sensor != null && rec.PlantValues.TryGetValue(sensor.Measures, out var truth))
        {
            var tl = plt.Add.ScatterLine(t, truth.ToArray());
            tl.Color = Colors.Gray;
            tl.LinePattern = LinePattern.Dashed;
            tl.LineWidth = 1.5f;
            tl.LegendText = $"plant {sensor.Measures} (true)";
        }

        if (rec.ChannelValues.TryGetValue(channel.Id, out var values))
        {
            bool first = true;
            foreach (var (xs, ys) in Segments(t, values))
            {
                var sc = plt.Add.ScatterLine(xs, ys);
                sc.Color = Colors.Blue;
                sc.LineWidth = 2;
                if (first) sc.LegendText = "gateway reading";
                first = false;
            }
        }
        if (rec.ChannelBad.TryGetValue(channel.Id, out var bad))
        {
            bool first = true;
            foreach (var (start, end) in Runs(t, bad))
            {
                var span = plt.Add.HorizontalSpan(start, end);
                span.FillColor = Colors.Magenta.WithAlpha(0.15);
                span.LineColor = Colors.Magenta.WithAlpha(0.3);
                if (first) span.LegendText = "bad quality (fault)";
                first = false;
            }
        }
        foreach (var level in channel.Levels)
        {
            if (level.Name.Contains('_')) continue; // STEL/TWA compare averages, not this line
            var colour = level.Name.StartsWith("trip", StringComparison.Ordinal) ? Colors.Red
                : level.Name == "alarm" ? Colors.DarkOrange : Colors.Gold;
            var hl = plt.Add.HorizontalLine(level.Threshold);
            hl.Color = colour;
            hl.LineWidth = 1.5f;
            hl.LinePattern = LinePattern.Dotted;
            hl.LegendText = $"{level.Name} {(level.High ? ">=" : "<")} {level.Threshold:0.###}";
        }
        return Finish(plt, run, ChannelHeight);
    }

    /// <summary>Every relay: commanded (solid) and load powered (dashed), stacked one above the other.</summary>
    public static byte[] Outputs(RunResult run)
    {
        var rec = run.Recorder;
        var plt = NewPlot(run, "outputs: coil energised (solid) / load powered (dashed)", "");
        double[] t = rec.TimesS.ToArray();
        int i = 0;
        var ticks = new List<Tick>();
        foreach (var (id, states) in rec.OutputStates)
        {
            double offset = i * 1.5;
            var cmd = plt.Add.ScatterLine(t, states.Select(v => v + offset).ToArray());
            cmd.ConnectStyle = ConnectStyle.StepHorizontal;
            cmd.LineWidth = 2;
            cmd.Color = Colors.Green;
            var load = plt.Add.ScatterLine(t, rec.LoadStates[id].Select(v => v * 0.9 + offset).ToArray());
            load.ConnectStyle = ConnectStyle.StepHorizontal;
            load.LinePattern = LinePattern.Dashed;
            load.Color = Colors.Black;
            ticks.Add(new Tick(offset + 0.5, id));
            i++;
        }
        plt.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks.ToArray());
        return Finish(plt, run, Math.Max(160, 70 + 60 * i), legend: false);
    }

    /// <summary>A plant variable no channel watches (e.g. a dust collector point the gateway does not poll yet).</summary>
    public static byte[] Variable(RunResult run, string id, Unit unit)
    {
        var plt = NewPlot(run, $"plant {id} (true value)", Units.Symbol(unit));
        var line = plt.Add.ScatterLine(run.Recorder.TimesS.ToArray(), run.Recorder.PlantValues[id].ToArray());
        line.Color = Colors.Gray;
        line.LineWidth = 1.5f;
        return Finish(plt, run, 200, legend: false);
    }

    private static Plot NewPlot(RunResult run, string title, string yLabel)
    {
        var plt = new Plot();
        plt.Title(title, 13);
        plt.XLabel("time (s)");
        if (yLabel.Length > 0) plt.YLabel(yLabel);
        // The timeline's actions as thin vertical marks: the same marks on every plot tie them together.
        foreach (var e in run.Events.Where(e => e.Source != SimEventSource.Gateway && e.Important))
        {
            var vl = plt.Add.VerticalLine(e.AtMs / 1000.0);
            vl.Color = Colors.Teal.WithAlpha(0.5);
            vl.LineWidth = 1;
            vl.LinePattern = LinePattern.Dashed;
        }
        return plt;
    }

    private static byte[] Finish(Plot plt, RunResult run, int height, bool legend = true)
    {
        plt.Axes.SetLimitsX(0, run.VirtualMs / 1000.0);
        if (legend) plt.ShowLegend(Alignment.UpperLeft);
        return plt.GetImageBytes(Width, height, ImageFormat.Png);
    }

    private static IEnumerable<(double[] X, double[] Y)> Segments(double[] t, List<double> values)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        for (int i = 0; i < values.Count && i < t.Length; i++)
        {
            if (double.IsNaN(values[i]))
            {
                if (xs.Count > 0) yield return (xs.ToArray(), ys.ToArray());
                xs.Clear();
                ys.Clear();
                continue;
            }
            xs.Add(t[i]);
            ys.Add(values[i]);
        }
        if (xs.Count > 0) yield return (xs.ToArray(), ys.ToArray());
    }

    private static IEnumerable<(double Start, double End)> Runs(double[] t, List<bool> flags)
    {
        double? start = null;
        for (int i = 0; i < flags.Count && i < t.Length; i++)
        {
            if (flags[i] && start == null) start = t[i];
            if (!flags[i] && start != null)
            {
                yield return (start.Value, t[i]);
                start = null;
            }
        }
        if (start != null && t.Length > 0) yield return (start.Value, t[^1]);
    }
}
