using Qinshui.Edge.Simulator.Scenarios;

namespace Qinshui.Edge.Simulator.Report;

/// <summary>
/// What `qedge sim run` prints after the runs: per scenario the verdict of every expectation with
/// its measured time, then the totals, in the chosen language (PASS/FAIL/N/E in English, which CI greps).
/// </summary>
public static class RunSummary
{
    public static void Write(IReadOnlyList<RunResult> results, TextWriter w, string lang)
    {
        bool zh = lang == "zh";
        foreach (var r in results)
        {
            w.WriteLine();
            w.WriteLine($"{r.Scenario.File}: {r.Scenario.Name}");
            w.WriteLine(zh
                ? $"  {r.GatewayDescriptionIn(lang)}；虚拟时间 {Duration.Format(r.VirtualMs)}，实际耗时 {r.Wall.TotalSeconds:0.00} s"
                : $"  {r.GatewayDescription}; {Duration.Format(r.VirtualMs)} virtual in {r.Wall.TotalSeconds:0.00} s");
            foreach (var x in r.Expectations)
            {
                string mark = zh
                    ? x.Verdict switch { Verdict.Passed => "通过", Verdict.Failed => "失败", _ => "待评" }
                    : x.Verdict switch { Verdict.Passed => "PASS", Verdict.Failed => "FAIL", _ => "N/E " };
                string limit = x.LimitMs is long l ? (zh ? $" / 限值 {l} ms" : $" / limit {l} ms") : "";
                string measured = x.MeasuredMs is long m ? $" [{m} ms{limit}]" : "";
                w.WriteLine($"  {mark} {x.Id}: {x.DescriptionIn(lang)}{measured}");
                if (x.Verdict != Verdict.Passed && x.Detail.Length > 0) w.WriteLine($"       {x.DetailIn(lang)}");
            }
        }
        int passed = results.Sum(r => r.Passed), failed = results.Sum(r => r.Failed), ne = results.Sum(r => r.NotEvaluable);
        w.WriteLine();
        w.WriteLine(zh
            ? $"{results.Count} 个场景: {passed} 通过, {failed} 失败, {ne} 暂不可评估"
            : $"{results.Count} scenario(s): {passed} passed, {failed} failed, {ne} not evaluable yet");
    }

    public static string NotEvaluableRefused(string lang) => lang == "zh"
        ? "有期望无法评估（N/E）：视为失败；确认无误时用 --allow-not-evaluable"
        : "some expectations could not be evaluated (N/E): that is no pass; --allow-not-evaluable accepts it";
}
