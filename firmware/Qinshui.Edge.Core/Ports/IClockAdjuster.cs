namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Sets the wall clock (the set_time command, SNTP). After a successful set the clock port
    /// reports IsTrusted. The adapter may refuse (returns false), e.g. a value before its build date.
    /// </summary>
    public interface IClockAdjuster
    {
        bool TrySetUtc(long utcMs);
    }
}
