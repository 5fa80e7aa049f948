namespace Qinshui.Edge.Simulator.Scenarios;

public enum Verdict
{
    Passed,
    Failed,
    /// <summary>The gateway in this run cannot answer it (e.g. zones before the zone engine lands). Never counted as passed.</summary>
    NotEvaluable,
}

public sealed class ExpectationResult
{
    public required string Id { get; init; }
    public required string Description { get; init; }
    public Verdict Verdict { get; set; }
    /// <summary>The measured time: reaction time (worst case) for "within", time of first hold for "eventually".</summary>
    public long? MeasuredMs { get; set; }
    public long? LimitMs { get; set; }
    /// <summary>When the expectation's trigger first happened, or when it failed.</summary>
    public long? AtMs { get; set; }
    public int Occurrences { get; set; }
    public string Detail { get; set; } = "";
    public string DescriptionZh { get; set; } = "";
    public string DetailZh { get; set; } = "";

    public string DescriptionIn(string lang) => lang == "zh" && DescriptionZh.Length > 0 ? DescriptionZh : Description;
    public string DetailIn(string lang) => lang == "zh" && DetailZh.Length > 0 ? DetailZh : Detail;

    public void SetDetail(Texts.LocalText text)
    {
        Detail = text.En;
        DetailZh = text.Zh;
    }

    public static string Name(Verdict v) => v switch
    {
        Verdict.Passed => "passed",
        Verdict.Failed => "failed",
        _ => "not_evaluable",
    };
}
