namespace Qinshui.Edge.Simulator.Texts;

/// <summary>
/// A sentence a person reads, in both languages the tools speak. Built in one place per kind of
/// text (Terms, CauseText, EventTexts, TimelineText, ExpectationText) so no renderer composes
/// Chinese out of English pieces.
/// </summary>
public readonly record struct LocalText(string En, string Zh)
{
    public static readonly LocalText Empty = new("", "");

    /// <summary>The text in "zh" or "en" (anything else is English).</summary>
    public string In(string lang) => lang == "zh" ? Zh : En;

    public static LocalText operator +(LocalText a, LocalText b) => new(a.En + b.En, a.Zh + b.Zh);

    /// <summary>The same text in both languages: identifiers, numbers, units.</summary>
    public static LocalText Same(string s) => new(s, s);
}
