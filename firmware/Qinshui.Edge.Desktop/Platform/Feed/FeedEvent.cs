namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>One line of a gateway's event log as a platform shows it: a chained or plain event
/// (docs/events.md: kind or code, severity, subject, reason, English and Chinese text) or an alarm
/// transition (kind "alarm", subject the channel).</summary>
public sealed record FeedEvent(long AtUtcMs, string Kind, string Severity, string Subject, string Reason, string En, string Zh);
