using System;
using nanoFramework.Hardware.Esp32;
using nanoFramework.Networking;
using nanoFramework.Runtime.Native;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// Time on the ESP32: monotonic from the esp_timer (HighResTimer.GetCurrent, microseconds since
    /// boot; milliseconds are the same timeline divided by 1000, as IMicrosecondClock requires), so
    /// the Modbus master times the 3.5-character silence in microseconds instead of rounding it up
    /// to whole milliseconds (0.833 → ≈0.99 of the line rate at 115200 baud); wall time from the RTC that
    /// the SNTP client sets. Trust is tracked by the core's ClockTrust: a plausible date alone
    /// (the RTC survives a soft reboot) is not trusted; a sync since boot is. SNTP is asked to
    /// resynchronise every hour; a sync is recognised when the RTC steps or, after a request,
    /// reads a plausible time.
    /// </summary>
    public sealed class DeviceClock : IClock, IMicrosecondClock, IClockAdjuster
    {
        private const long ResyncIntervalMs = 3600L * 1000;
        private const long TrustHoldMs = 24L * 3600 * 1000;
        private const long SyncSettleMs = 5000;

        private readonly ClockTrust _trust = new ClockTrust(TrustHoldMs);
        private long _lastRequestMs = long.MinValue;
        private bool _awaitingSync;

        public long MonotonicMicros { get { return (long)HighResTimer.GetCurrent(); } }

        public long MonotonicMs { get { return (long)(HighResTimer.GetCurrent() / 1000); } }

        public long UtcMs { get { return (DateTime.UtcNow - DateTime.UnixEpoch).Ticks / TimeSpan.TicksPerMillisecond; } }

        public bool IsTrusted { get { return _trust.IsTrusted(UtcMs, MonotonicMs); } }

        public int JumpCount { get { return _trust.JumpCount; } }

        /// <summary>Starts the SNTP client (after the network is up).</summary>
        public void StartSntp(string server1, string server2)
        {
            if (server1 != null && server1.Length > 0) Sntp.Server1 = server1;
            if (server2 != null && server2.Length > 0) Sntp.Server2 = server2;
            Sntp.Start();
            RequestSync();
        }

        /// <summary>Called from the housekeeping thread: requests hourly syncs and records when one took effect.</summary>
        public void Maintain()
        {
            long mono = MonotonicMs;
            long utc = UtcMs;
            int jumpsBefore = _trust.JumpCount;
            _trust.Observe(utc, mono);
            if (_awaitingSync && (mono - _lastRequestMs >= SyncSettleMs || _trust.JumpCount != jumpsBefore))
            {
                _awaitingSync = false;
                if (utc >= ClockTrust.PlausibleFloorUtcMs) _trust.Synchronised(utc, mono);
            }
            if (_lastRequestMs == long.MinValue || mono - _lastRequestMs >= ResyncIntervalMs) RequestSync();
        }

        /// <summary>Set-time command (authenticated by the MQTT command layer): sets the RTC and counts as a sync.</summary>
        public bool TrySetUtc(long utcMs)
        {
            if (utcMs < ClockTrust.PlausibleFloorUtcMs) return false;
            DateTime t = DateTime.UnixEpoch.AddTicks(utcMs * TimeSpan.TicksPerMillisecond);
            if (!Rtc.SetSystemTime(t)) return false;
            _trust.Synchronised(utcMs, MonotonicMs);
            return true;
        }

        private void RequestSync()
        {
            if (!Sntp.IsStarted) return;
            Sntp.UpdateNow();
            _lastRequestMs = MonotonicMs;
            _awaitingSync = true;
        }
    }
}
