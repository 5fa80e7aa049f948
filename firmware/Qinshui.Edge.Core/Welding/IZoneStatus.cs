namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// The interlock engine's view of a zone, as the welding stations need it: whether every
    /// condition other than work authorisation holds (monitoring, gas, link, no latched trip).
    /// </summary>
    public interface IZoneStatus
    {
        bool ConditionsHoldExceptAuthorisation(string zoneId);
    }
}
