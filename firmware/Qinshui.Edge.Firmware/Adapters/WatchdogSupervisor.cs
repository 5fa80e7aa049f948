using System;
using System.Threading;
using nanoFramework.Runtime.Native;
using Qinshui.Edge.Core.Device;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Firmware.Adapters
{
    /// <summary>
    /// The heartbeat deadline. The scan kicks once per complete healthy scan; a thread of its
    /// own checks the deadline and, when it is missed, trips the OutputGate (every output
    /// de-energised), logs why and reboots with Power.RebootDevice. The gate is tripped before
    /// anything that could hang (log, reboot handlers), so the outputs drop first.
    /// </summary>
    public sealed class WatchdogSupervisor : ISupervisor
    {
        private readonly OutputGate _gate;
        private readonly ILogSink _log;
        private long _lastKickMs;
        private bool _armed;

        public WatchdogSupervisor(int deadlineMs, OutputGate gate, ILogSink log)
        {
            DeadlineMs = deadlineMs;
            _gate = gate;
            _log = log;
            _lastKickMs = Environment.TickCount64;
        }

        public int DeadlineMs { get; }

        /// <summary>Called by GatewayRuntime after each complete scan. Ignored once the gate is tripped, so a trip always ends in a reboot.</summary>
        public void Kick()
        {
            if (_gate.IsTripped) return;
            _lastKickMs = Environment.TickCount64;
            _armed = true;
        }

        /// <summary>Starts the checking thread. Before the first kick the deadline runs from start (a stuck boot also reboots).</summary>
        public void Start()
        {
            // The deadline runs from here, not from construction: building the runtime (journal files erased on a first boot) may take longer.
            _lastKickMs = Environment.TickCount64;
            new Thread(Run).Start();
        }

        private void Run()
        {
            int period = DeadlineMs / 4 < 10 ? 10 : DeadlineMs / 4;
            while (true)
            {
                Thread.Sleep(period);
                long late = Environment.TickCount64 - _lastKickMs;
                if (late > DeadlineMs)
                {
                    _gate.Trip("supervisor deadline missed");
                    _log.Write(LogLevel.Error, "supervisor: no healthy scan for " + late + " ms (deadline " + DeadlineMs + " ms, "
                        + (_armed ? "after" : "before") + " the first healthy scan); outputs dropped, rebooting");
                    Power.RebootDevice(1000);
                }
            }
        }
    }
}
