using Microsoft.Extensions.Hosting.Systemd;

namespace Qinshui.Edge.Host.Linux;

/// <summary>
/// Tells systemd (sd_notify, through Microsoft.Extensions.Hosting.Systemd's SystemdNotifier, which
/// reads $NOTIFY_SOCKET) that the host is ready once its first scan ran (Type=notify), pets the
/// watchdog from the scan loop at half of WatchdogSec ($WATCHDOG_USEC) so a hung scan loop is
/// killed and restarted, and says STOPPING once the outputs are de-energised. Without
/// $NOTIFY_SOCKET (not under systemd) every call does nothing.
/// </summary>
public sealed class ServiceNotifier
{
    private readonly SystemdNotifier _notifier = new();
    private readonly long _watchdogIntervalMs;
    private long _lastPetMs;
    private bool _petted;

    public ServiceNotifier()
    {
        _watchdogIntervalMs = long.TryParse(Environment.GetEnvironmentVariable("WATCHDOG_USEC"), out long usec) && usec > 0 ? usec / 2000 : 0;
    }

    public bool IsEnabled => _notifier.IsEnabled;

    public void Ready(string status)
    {
        if (!_notifier.IsEnabled) return;
        _notifier.Notify(new ServiceState("READY=1\nSTATUS=" + status));
    }

    /// <summary>Called every scan; sends WATCHDOG=1 at most every WatchdogSec/2 (monotonic ms from the caller).</summary>
    public void Scanned(long nowMs)
    {
        if (!_notifier.IsEnabled || _watchdogIntervalMs == 0 || (_petted && nowMs - _lastPetMs < _watchdogIntervalMs)) return;
        _petted = true;
        _lastPetMs = nowMs;
        _notifier.Notify(new ServiceState("WATCHDOG=1"));
    }

    public void Stopping()
    {
        if (_notifier.IsEnabled) _notifier.Notify(ServiceState.Stopping);
    }
}
