namespace Qinshui.Edge.Core.Mqtt
{
    public enum ZoneCommandOutcome
    {
        Accepted = 0,
        UnknownZone = 1,
        /// <summary>The zone's configuration does not allow a remote reset.</summary>
        RemoteResetNotAllowed = 2,
        /// <summary>The cause of the trip persists: never reset while it holds (safety principle 3).</summary>
        CausePersists = 3,
        Refused = 4,
    }

    /// <summary>
    /// What the platform may ask of a zone. Implemented by the interlock engine. There is
    /// deliberately no "energise" or "force": a request can only make a zone safer (trip) or ask
    /// for a reset that the engine grants only where configured and only once the cause cleared.
    /// </summary>
    public interface IZoneCommands
    {
        ZoneCommandOutcome RequestTrip(string zoneId, string reason);

        ZoneCommandOutcome RequestRemoteReset(string zoneId);
    }
}
