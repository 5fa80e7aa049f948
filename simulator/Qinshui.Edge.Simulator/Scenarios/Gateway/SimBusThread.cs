using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Modbus;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>
/// The firmware's Modbus bus thread (ModbusBusThread) on virtual time: between scans the pollers
/// are stepped at the wakes of <see cref="ModbusDriveModel"/> (every millisecond, not while the
/// scan holds the CPU), so a poll in the simulator takes what it takes on the device instead of
/// whole scans. It is scheduled only while a poll is in progress or falls due before the next
/// scan (which would start it anyway), so an idle bus costs the simulator nothing.
/// </summary>
internal sealed class SimBusThread
{
    private readonly VirtualClock _clock;
    private readonly Func<GatewayRuntime?> _runtime;
    private readonly long _scanPeriodUs;
    private bool _armed;

    public SimBusThread(VirtualClock clock, long scanIntervalMs, Func<GatewayRuntime?> runtime)
    {
        _clock = clock;
        _runtime = runtime;
        _scanPeriodUs = scanIntervalMs * 1000;
        // The device's share of the scan period spent computing, at the simulator's scan period.
        long cpuUs = (long)ModbusDriveModel.AssumedScanCpuUs * _scanPeriodUs / ModbusDriveModel.DeviceScanPeriodUs;
        Drive = new ModbusDriveModel(ModbusDriveModel.DeviceTickUs, (int)_scanPeriodUs, (int)cpuUs);
    }

    public ModbusDriveModel Drive { get; }

    /// <summary>Called after each scan: arms the next wake if a poll is under way or due before the next scan.</summary>
    public void AfterScan() => Arm();

    private void Arm()
    {
        var rt = _runtime();
        if (_armed || rt == null || rt.BusCount == 0) return;
        long now = _clock.NowMicros;
        long nextScanUs = (now / _scanPeriodUs + 1) * _scanPeriodUs;
        long wake = long.MaxValue;
        for (int b = 0; b < rt.BusCount; b++)
        {
            var p = rt.Poller(b);
            if (p == null) continue;
            long at = p.IsBusy ? now + 1 : p.NextDueMs == long.MaxValue ? long.MaxValue : Math.Max(now + 1, p.NextDueMs * 1000);
            if (at < wake) wake = at;
        }
        if (wake == long.MaxValue) return;
        wake = Drive.NextWakeUs(wake);
        if (wake >= nextScanUs) return;
        _armed = true;
        _clock.ScheduleAt(wake, Tick);
    }

    private void Tick()
    {
        _armed = false;
        var rt = _runtime();
        if (rt == null) return;
        for (int b = 0; b < rt.BusCount; b++) rt.Poller(b)?.Step();
        Arm();
    }
}
