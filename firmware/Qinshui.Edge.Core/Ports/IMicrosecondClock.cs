namespace Qinshui.Edge.Core.Ports
{
    /// <summary>
    /// Optional finer time for an IClock that has it (desktop Stopwatch, the simulator's virtual
    /// clock): the Modbus master then times the 3.5-character silence in microseconds instead of
    /// rounding it up to whole milliseconds, which matters above 19200 baud. Must run on the same
    /// timeline as IClock.MonotonicMs (MonotonicMs == MonotonicMicros / 1000).
    /// </summary>
    public interface IMicrosecondClock
    {
        long MonotonicMicros { get; }
    }
}
