using System.Globalization;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Simulator.Scenarios.Gateway;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Dashboard;

/// <summary>
/// The dashboard laid out for a terminal of a given size (80×24 by default): one line per gas with
/// its value, unit, a bar and the percentage of its limit, the relays two to a line, the zones with
/// why they are off, welding, the link, then as many recent events as still fit. A plant too big
/// for one column of channels gets two narrower ones; what still does not fit is counted, not cut off
/// silently. Widths count CJK characters as two columns (CellWidth).
/// </summary>
public sealed class DashboardScreen(string lang, int width = 80, int height = 24)
{
    private const int BarCells = 10;
    private const int CompactBarCells = 8;
    private readonly Strings _s = new(lang);

    public int Width => width;
    public int Height => height;

    public List<ScreenLine> Lines(DashboardState st)
    {
        var lines = new List<ScreenLine> { Title(st) };
        var outputs = Pack(st.View.Outputs.Select(o => Output(o, st)).ToList(), 2);
        var welding = Pack(st.View.Welding.Select(Welding).ToList(), 2);
        var zones = st.View.Zones.Select(z => Zone(z)).ToList();
        var link = Link(st);
        int fixedLines = 1 + 1 + outputs.Count + welding.Count + 1;
        if (fixedLines + zones.Count + st.View.Channels.Count > height) zones = Pack(st.View.Zones.Select(z => Zone(z, width / 2 - 1)).ToList(), 2);
        bool compact = fixedLines + zones.Count + st.View.Channels.Count > height;
        var channels = compact
            ? Pack(st.View.Channels.Select(c => Channel(c, compactWidth: width / 2 - 1)).ToList(), 2)
            : st.View.Channels.Select(c => Channel(c, 0)).ToList();
        int room = height - fixedLines - zones.Count;
        if (channels.Count > room)
        {
            int shown = Math.Max(0, room - 1);
            int hidden = st.View.Channels.Count - shown * (compact ? 2 : 1);
            channels = channels.Take(shown).ToList();
            channels.Add(new ScreenLine().Add(CellWidth.Fit(lang == "zh" ? $"…另有 {hidden} 个通道未显示（终端太小）" : $"… {hidden} more channels (terminal too small)", width), "yellow"));
        }
        lines.Add(Header(compact));
        lines.AddRange(channels);
        lines.AddRange(outputs);
        lines.AddRange(zones);
        lines.AddRange(welding);
        lines.Add(link);
        int eventRoom = height - lines.Count;
        foreach (var e in st.Events.Skip(Math.Max(0, st.Events.Count - eventRoom)))
            lines.Add(new ScreenLine().Add(CellWidth.Fit($"{e.AtMs / 1000.0,7:0.0}s {e.TextIn(lang)}", width), EventStyle(e)));
        return lines.Take(height).ToList();
    }

    private ScreenLine Title(DashboardState st)
    {
        string time = $"  t = {st.NowS:0.0} / {st.DurationS:0} s";
        string off = st.GatewayPowered ? "" : " " + _s.GatewayOff + " ";
        return new ScreenLine().Add(CellWidth.Fit(st.Title, width - CellWidth.Of(time) - CellWidth.Of(off)), "bold").Add(time).Add(off, "black on red");
    }

    private ScreenLine Header(bool compact)
    {
        string h = compact
            ? CellWidth.Fit(_s.Channel, 12) + CellWidth.Fit(_s.Value, 8) + CellWidth.Fit(_s.OfLimit, 19)
            : CellWidth.Fit(_s.Channel, 15) + CellWidth.Fit(_s.Value, 9, true) + " " + CellWidth.Fit(_s.Unit, 7) + CellWidth.Fit(_s.OfLimit, 29) + _s.State;
        return new ScreenLine().Add(CellWidth.Fit(h, width), "grey");
    }

    /// <summary>One channel: id, value, unit, bar of the way to its limit, the percentage and its state.</summary>
    private ScreenLine Channel(ChannelView c, int compactWidth)
    {
        bool bad = !c.HasReading || QualityRules.IsBad(c.Quality);
        var (status, colour) = Worst(c);
        var limit = Limit(c);
        double? pct = bad || limit == null ? null : Closeness(c.Value, limit);
        string value = bad ? "—" : c.Value.ToString("0.000", CultureInfo.InvariantCulture);
        string unit = Terms.UnitSymbol(c.Unit);
        int cells = compactWidth > 0 ? CompactBarCells : BarCells;
        string bar = pct is double p ? "[" + new string('#', (int)Math.Round(Math.Clamp(p, 0, 100) / 100 * cells)).PadRight(cells, '.') + "]" : new string(' ', cells + 2);
        string pctText = pct is double q ? $"{q,3:0}%" : "    ";
        string pctColour = pct is double r ? (r >= 100 ? "red" : r >= 80 ? "yellow" : "green") : "grey";
        var line = new ScreenLine();
        if (compactWidth > 0)
        {
            line.Add(CellWidth.Fit(c.Id, 11) + " ").Add(CellWidth.Fit(value, 7, true), colour).Add(" " + CellWidth.Fit(unit, 5))
                .Add(bar, pctColour).Add(CellWidth.Fit(pctText, compactWidth - 11 - 1 - 7 - 6 - bar.Length, true), pctColour);
            return line;
        }
        string limitText = limit == null ? "" : $"{Terms.Level(limit.Name).In(lang)} {limit.Threshold:0.###}";
        line.Add(CellWidth.Fit(c.Id, 14) + " ").Add(CellWidth.Fit(value, 9, true), colour).Add(" " + CellWidth.Fit(unit, 6) + " ")
            .Add(bar, pctColour).Add(pctText, pctColour).Add(" " + CellWidth.Fit(limitText, 11) + " ");
        string quality = c.Quality == Quality.Good || bad ? "" : " " + Terms.Quality(c.Quality).In(lang);
        string state = bad ? $"{status}: {Terms.Quality(c.Quality).In(lang)}" : status + quality;
        return line.Add(CellWidth.Fit(state, Math.Max(0, width - line.Width)), bad ? "magenta" : colour);
    }

    /// <summary>The level the bar measures against: the alarm level if there is one, else the first instant level.</summary>
    public static LevelView? Limit(ChannelView c)
    {
        var instant = c.Levels.Where(l => !l.Name.Contains('_')).ToList();
        return instant.FirstOrDefault(l => l.Name == "alarm") ?? instant.FirstOrDefault();
    }

    /// <summary>How close a reading is to its level, in percent (100 = at the level): value/threshold for a high level, threshold/value for a low one (O2).</summary>
    public static double Closeness(double value, LevelView level)
    {
        if (level.High) return level.Threshold == 0 ? 0 : 100 * value / level.Threshold;
        return value <= 0 ? 100 : 100 * level.Threshold / value;
    }

    private ScreenLine Output(OutputView o, DashboardState st)
    {
        st.Loads.TryGetValue(o.RelayId, out var load);
        // id 13 + state 5 + load 10 + welded 9 = 38 columns: two relays to an 80-column line.
        var line = new ScreenLine().Add(CellWidth.Fit(o.Id, 13) + " ")
            .Add(CellWidth.Fit(o.Energised ? _s.On : _s.Off, 5), o.Energised ? "green" : "red")
            .Add(CellWidth.Fit(load.Powered ? _s.LoadOn : _s.LoadOff, 10), load.Powered ? "yellow" : "grey");
        if (load.Welded) line.Add(CellWidth.Fit(_s.Welded, 9), "black on red");
        return line;
    }

    private ScreenLine Zone(ZoneView z, int columns = 0)
    {
        columns = columns > 0 ? columns : width;
        string state = Terms.ZoneState(z.State).In(lang);
        string cause = CauseText.Describe(z.Reason).In(lang);
        string colour = z.State == "permitted" ? "green" : z.State == "tripped" || z.State == "off" ? "red" : "yellow";
        string text = $"{_s.ZoneLabel}{z.Id}: {state}{(cause.Length > 0 ? " " + cause : "")}{(z.ProofTestOverdue ? " " + _s.ProofTestOverdue : "")}";
        return new ScreenLine().Add(CellWidth.Fit(text, columns), colour);
    }

    private ScreenLine Welding(WeldingView m)
    {
        string text = $"{_s.WelderLabel}{m.MachineId}: {Terms.WeldingState(m.State).In(lang)} {m.Card} {m.ArcCurrentAmps:0} A";
        return new ScreenLine().Add(CellWidth.Fit(text, width / 2 - 1), m.State == "unlocked" ? "yellow" : "");
    }

    private ScreenLine Link(DashboardState st)
    {
        var line = new ScreenLine().Add(_s.Link + ": ");
        if (st.HasMqtt) line.Add(st.View.Link.Connected ? _s.Connected : _s.Disconnected, st.View.Link.Connected ? "green" : "red");
        else line.Add(_s.NotAvailable, "grey");
        line.Add($"  {_s.Broker}: ").Add(st.BrokerAvailable ? _s.Available : _s.Down, st.BrokerAvailable ? "green" : "red");
        line.Add($"  {_s.Journal}: " + (st.HasJournal ? st.View.Link.JournalDepth.ToString(CultureInfo.InvariantCulture) : "—"));
        return new ScreenLine().Add(CellWidth.Fit(line.Plain, width));
    }

    /// <summary>Lines of <paramref name="perLine"/> items each, separated by a space.</summary>
    private List<ScreenLine> Pack(List<ScreenLine> items, int perLine)
    {
        var lines = new List<ScreenLine>();
        for (int i = 0; i < items.Count; i += perLine)
        {
            var l = new ScreenLine();
            foreach (var item in items.Skip(i).Take(perLine))
            {
                if (l.Parts.Count > 0) l.Add(" ");
                int cell = width / perLine - 1;
                if (item.Width > cell) l.Add(CellWidth.Fit(item.Plain, cell));
                else foreach (var (text, style) in item.Parts) l.Add(text, style);
                int pad = cell - Math.Min(cell, item.Width);
                if (pad > 0) l.Add(new string(' ', pad));
            }
            lines.Add(l);
        }
        return lines;
    }

    private static string EventStyle(SimEvent e) =>
        e.Code.Contains("active") || e.Code.Contains("off") || e.Code.Contains("refused") || e.Code.Contains("fault") || e.Code == "power_cut" || e.Code == "zone_tripped" ? "red"
        : e.Source == SimEventSource.Timeline ? "cyan" : "";

    /// <summary>The channel's most severe level in one phrase, and its colour (trip red, alarm orange, warning yellow, fault magenta).</summary>
    private (string Status, string Colour) Worst(ChannelView c)
    {
        if (!c.HasReading || QualityRules.IsBad(c.Quality)) return (Terms.LevelStatus("fault").In(lang), "magenta");
        string best = Terms.LevelStatus("normal").In(lang);
        string colour = "green";
        int rank = 0;
        foreach (var l in c.Levels)
        {
            if (l.Status is not ("active" or "cleared_awaiting_reset" or "pending")) continue;
            int r = l.Name.StartsWith("trip", StringComparison.Ordinal) ? 3 : l.Name.StartsWith("alarm", StringComparison.Ordinal) ? 2 : 1;
            if (l.Status != "active") r = Math.Min(r, 1);
            if (r <= rank) continue;
            rank = r;
            best = Terms.LevelInState(l.Name, l.Status).In(lang);
            colour = r == 3 ? "red" : r == 2 ? "darkorange" : "yellow";
        }
        return (best, colour);
    }
}
