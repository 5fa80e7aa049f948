namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

public enum SimEventSource
{
    Timeline = 0,
    Plant = 1,
    Gateway = 2,
}

/// <summary>
/// One event of a run, for the dashboard's log, the report's time axis and event expectations.
/// Codes are stable machine names (e.g. level_active, quality_changed, output_off, power_cut).
/// Text is English; Zh is the same sentence in Chinese (both from Texts/EventTexts).
/// </summary>
public sealed record SimEvent(long AtMs, SimEventSource Source, string Code, string Subject, string Text, bool Important = false)
{
    public string Zh { get; init; } = "";

    public SimEvent(long atMs, SimEventSource source, string code, string subject, Texts.LocalText text, bool important = false)
        : this(atMs, source, code, subject, text.En, important)
    {
        Zh = text.Zh;
    }

    /// <summary>The sentence in "zh" or "en"; an event without Chinese shows its English (the zh test finds those).</summary>
    public string TextIn(string lang) => lang == "zh" && Zh.Length > 0 ? Zh : Text;
}

/// <summary>Where a gateway reports its events.</summary>
public interface ISimEventSink
{
    void Emit(SimEvent e);
}
