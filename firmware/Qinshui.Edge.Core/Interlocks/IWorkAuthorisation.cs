namespace Qinshui.Edge.Core.Interlocks
{
    /// <summary>
    /// Hook for work authorisation (hot-work permit, welder's card, confined-space entry): the
    /// welding/permit component implements it. Only zones with RequiresWorkAuthorisation ask;
    /// a zone that requires it while no provider is installed is never authorised (fail safe).
    /// </summary>
    public interface IWorkAuthorisation
    {
        /// <summary>True while work in the zone is authorised at nowMs. Must not allocate or block.</summary>
        bool IsAuthorised(int zoneIndex, long nowMs);
    }
}
