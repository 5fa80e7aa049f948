using System.Text.Json;

namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>One reason a zone is off, as its event's <c>causes</c> item states it (docs/events.md):
/// the condition code, what it concerns (channel, input or output id), the value seen against its
/// limit, and the sentence in English and Chinese.</summary>
public sealed record ZoneCause(string Condition, string Subject, double? Value, double? Threshold, string Unit, string En, string Zh)
{
    internal static ZoneCause From(JsonElement c) => new(
        GatewayView.Str(c, "condition") ?? "", GatewayView.Str(c, "subject") ?? "",
        GatewayView.Number(c, "value"), GatewayView.Number(c, "threshold"), GatewayView.Str(c, "unit") ?? "",
        GatewayView.Str(c, "en") ?? "", GatewayView.Str(c, "zh") ?? "");

    /// <summary>An output's feedback disagreed with its command (ConditionKind: output_failed, welded_contact, bypass_suspected).</summary>
    public bool IsFeedbackFault => Condition is "output_failed" or "welded_contact" or "bypass_suspected";
}
