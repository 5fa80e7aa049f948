namespace Qinshui.Edge.Desktop.Platform.Feed;

/// <summary>
/// A zone output (relay) as the platform can know it: commanded on while its zone is permitted
/// (de-energise to trip), and whether its feedback contact disagreed (the zone's causes name it:
/// output_failed, welded_contact, bypass_suspected). The gateway publishes no relay reading of its
/// own, so a relay whose zone has not reported yet is unknown, never assumed on.
/// </summary>
public sealed record RelayView(string Output, string Zone, bool Known, bool Commanded, ZoneCause? FeedbackFault);
