using System.Net;
using System.Text;
using Qinshui.Edge.Simulator.Dashboard;
using Qinshui.Edge.Simulator.Scenarios;
using Qinshui.Edge.Simulator.Texts;

namespace Qinshui.Edge.Simulator.Report;

/// <summary>
/// One self-contained HTML file after a run: the verdict, the table of expectations with measured
/// times, one plot per channel against its thresholds, the outputs and loads, any unwatched plant
/// variables, and the event log — all on the same time axis, PNGs embedded as data URIs.
/// </summary>
public static class HtmlReport
{
    public static void Write(RunResult run, string path, string lang)
    {
        File.WriteAllText(path, Render(run, lang), new UTF8Encoding(false));
    }

    public static string Render(RunResult run, string lang)
    {
        var s = new Strings(lang);
        var h = new StringBuilder();
        string E(string x) => WebUtility.HtmlEncode(x);
        string verdict = run.Failed > 0 ? s.Failed : run.NotEvaluable > 0 ? $"{s.Passed} ({run.NotEvaluable} {s.NotEvaluable})" : s.Passed;
        string verdictClass = run.Failed > 0 ? "fail" : run.NotEvaluable > 0 ? "ne" : "pass";
        h.Append($"<!DOCTYPE html><html lang=\"{s.Lang}\"><head><meta charset=\"utf-8\"><title>{E(s.Report)}: {E(run.Scenario.Name)}</title>");
        h.Append("<style>body{font-family:system-ui,'Noto Sans CJK SC','Microsoft YaHei',sans-serif;margin:24px;max-width:1160px;color:#222}" +
                 "h1{font-size:22px}h2{font-size:17px;margin-top:28px;border-bottom:1px solid #ccc}table{border-collapse:collapse;width:100%;font-size:13px}" +
                 "td,th{border:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}th{background:#f3f3f3}" +
                 ".pass{color:#fff;background:#2e7d32}.fail{color:#fff;background:#c62828}.ne{color:#000;background:#fdd835}" +
                 ".badge{padding:2px 8px;border-radius:4px;font-weight:600}.meta{color:#555;font-size:13px}img{max-width:100%;display:block;margin:6px 0}" +
                 ".tl{color:#00796b}.gw{color:#222}.pl{color:#6a1b9a}</style></head><body>");
        h.Append($"<h1>{E(s.Report)}: {E(run.Scenario.Name)}</h1>");
        h.Append($"<p><span class=\"badge {verdictClass}\">{E(verdict)}</span></p>");
        h.Append($"<p class=\"meta\">{E(run.Scenario.Description)}</p>");
        h.Append($"<p class=\"meta\">{E(run.Scenario.File)} · {E(s.Seed)} {run.Scenario.Seed} · {Duration.Format(run.VirtualMs)} · {E(s.Step)} {run.Scenario.StepMs} ms · {E(run.GatewayDescriptionIn(lang))} · {E(s.Wall)} {run.Wall.TotalSeconds:0.00} s</p>");

        h.Append($"<h2>{E(s.Expectations)}</h2><table><tr><th>{E(s.Id)}</th><th>{E(s.Expectations)}</th><th>{E(s.State)}</th><th>{E(s.Measured)}</th><th>{E(s.Limit)}</th><th>{E(s.Detail)}</th></tr>");
        foreach (var x in run.Expectations)
        {
            string cls = x.Verdict switch { Verdict.Passed => "pass", Verdict.Failed => "fail", _ => "ne" };
            h.Append($"<tr><td>{E(x.Id)}</td><td>{E(x.DescriptionIn(lang))}</td><td><span class=\"badge {cls}\">{E(s.Verdict(x.Verdict))}</span></td>" +
                     $"<td>{(x.MeasuredMs is long m ? m + " ms" : "")}</td><td>{(x.LimitMs is long l ? l + " ms" : "")}</td><td>{E(x.DetailIn(lang))}</td></tr>");
        }
        h.Append("</table>");

        h.Append($"<h2>{E(s.Channels)}</h2>");
        h.Append(lang == "zh"
            ? "<p class=\"meta\">蓝线：网关读数；灰色虚线：现场真实值；点线：报警阈值；紫色区域：数据故障；青色竖线：时间线动作。</p>"
            : "<p class=\"meta\">Blue: the gateway's reading; grey dashed: the true plant value; dotted: thresholds; magenta: bad quality (fault); teal marks: timeline actions.</p>");
        foreach (var c in run.FinalView.Channels) Img(h, ChannelPlots.Channel(run, c), c.Id);

        if (run.Recorder.OutputStates.Count > 0)
        {
            h.Append($"<h2>{E(s.Outputs)}</h2>");
            Img(h, ChannelPlots.Outputs(run), "outputs");
        }

        var watched = run.FinalView.Channels.Select(c => run.Scenario.Plant.Sensors.Find(x => x.Id == c.SensorId)?.Measures).ToHashSet();
        var others = run.Recorder.PlantValues.Keys.Where(k => !watched.Contains(k)).ToList();
        if (others.Count > 0)
        {
            h.Append($"<h2>{E(s.Plant)}</h2>");
            foreach (var id in others)
            {
                var unit = FindUnit(run, id);
                Img(h, ChannelPlots.Variable(run, id, unit), id);
            }
        }

        h.Append($"<h2>{E(s.Events)}</h2><table><tr><th>{E(s.Time)}</th><th>{E(s.Source)}</th><th>{E(s.Events)}</th></tr>");
        foreach (var e in run.Events.Where(e => e.Important || e.Source != Scenarios.Gateway.SimEventSource.Gateway))
        {
            string cls = e.Source switch { Scenarios.Gateway.SimEventSource.Timeline => "tl", Scenarios.Gateway.SimEventSource.Plant => "pl", _ => "gw" };
            h.Append($"<tr class=\"{cls}\"><td>{e.AtMs / 1000.0:0.0} s</td><td>{E(Terms.Source(e.Source).In(lang))}</td><td title=\"{E(e.Code)}\">{E(e.TextIn(lang))}</td></tr>");
        }
        h.Append("</table></body></html>");
        return h.ToString();
    }

    private static Qinshui.Edge.Core.Domain.Unit FindUnit(RunResult run, string id)
    {
        var g = run.Scenario.Plant.Gases.Find(x => x.Id == id);
        if (g != null) return g.Unit;
        foreach (var v in run.Scenario.Plant.Variables) if (v.Id == id) return v.Unit;
        if (id.EndsWith(".dp", StringComparison.Ordinal)) return Qinshui.Edge.Core.Domain.Unit.Pascal;
        if (id.EndsWith(".hopperTemp", StringComparison.Ordinal)) return Qinshui.Edge.Core.Domain.Unit.DegreesCelsius;
        if (id.EndsWith(".level", StringComparison.Ordinal)) return Qinshui.Edge.Core.Domain.Unit.Millimetres;
        if (id.EndsWith(".flow", StringComparison.Ordinal)) return Qinshui.Edge.Core.Domain.Unit.CubicMetresPerHour;
        return Qinshui.Edge.Core.Domain.Unit.None;
    }

    private static void Img(StringBuilder h, byte[] png, string alt)
    {
        h.Append($"<img alt=\"{WebUtility.HtmlEncode(alt)}\" src=\"data:image/png;base64,{Convert.ToBase64String(png)}\">");
    }
}
