using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// One chip-coded welding machine position. A session starts on a card tap only when the
    /// machine's code is read and registered, the card is a certified welder named on a hot-work
    /// permit valid now for this zone and machine, the clock is trusted, the zone's interlock
    /// conditions hold and gas has been clear for the settle time; then the machine's enable relay
    /// is energised in the same step. While running, any failing condition stops it at once.
    /// Step allocates nothing.
    /// </summary>
    public sealed class WeldingStation
    {
        public const long CertificateWarningMs = 30L * 24 * 3600 * 1000;
        public const long PermitWarningMs = 10L * 60 * 1000;
        public const long GasAnalysisMaxAgeMs = 30L * 60 * 1000;
        public const long InterruptionNeedsAnalysisMs = 60L * 60 * 1000;

        /// <summary>GB 30871-2022: 0.2 %vol for gases with LEL below 4 %.</summary>
        public const double StrictestHotWorkLimitPercentVolume = 0.2;

        private readonly WeldingStationConfig _config;
        private readonly IWeldingMachineLink _machine;
        private readonly IDigitalOutput _enable;
        private readonly ICardReader _cards;
        private readonly WeldingRegistry _registry;
        private readonly PermitBook _permits;
        private readonly AlarmEngine _alarms;
        private readonly IZoneStatus _zones;
        private readonly IClock _clock;
        private readonly IWeldingEvents _events;
        private readonly SpecialPeriod[] _specialPeriods;
        private readonly WeldingSession _session = new WeldingSession();
        private readonly WeldingSession _ended = new WeldingSession();
        private readonly MachineIdentityWatch _identityWatch;
        // The special period the running session is in (-1: none), to notice one starting mid-session.
        private int _sessionSpecialPeriod = -1;

        private bool _running;
        private string _cardUid;
        private Permit _permit;
        private long _gasClearSinceMs = long.MinValue;
        private WeldingReason _gasNow = WeldingReason.GasChannelFault;
        private long _lastStepMs = long.MinValue;
        private bool _expiryWarned;
        private bool _bypassWarned;
        private long _sessionCounter;
        private long _lastStopUtcMs = long.MinValue;
        private long _lastStopMonotonicMs = long.MinValue;
        private string _lastStopPermitId;
        // The welder's certificate end, carried onto the monotonic clock at the start (a clock set back never extends it).
        private long _certificateExpiryUtcMs;
        private long _certificateEndMonotonicMs;

        public WeldingStation(WeldingStationConfig config, IWeldingMachineLink machine, IDigitalOutput enable, ICardReader cards,
            WeldingRegistry registry, PermitBook permits, AlarmEngine alarms, IZoneStatus zones, IClock clock,
            IWeldingEvents events, SpecialPeriod[] specialPeriods)
        {
            _config = config;
            _machine = machine;
            _enable = enable;
            _cards = cards;
            _registry = registry;
            _permits = permits;
            _alarms = alarms;
            _zones = zones;
            _clock = clock;
            _events = events;
            _specialPeriods = specialPeriods ?? new SpecialPeriod[0];
            _identityWatch = new MachineIdentityWatch(config.ExpectedMachineCode);
            _enable.Write(false); // boot: locked
        }

        public WeldingStationConfig Config { get { return _config; } }
        public bool IsRunning { get { return _running; } }

        /// <summary>True while the machine is locked as suspected of modification (until a safety officer clears it).</summary>
        public bool MachineSuspected { get { return _identityWatch.IsSuspected; } }

        /// <summary>The running session (valid while IsRunning; reused).</summary>
        public WeldingSession Session { get { return _session; } }

        /// <summary>True while a session holds work authorisation for the zone.</summary>
        public bool AuthorisesZone(string zoneId) { return _running && _config.ZoneId == zoneId; }

        public void Step()
        {
            long now = _clock.MonotonicMs;
            long utc = _clock.UtcMs;
            TrackGas(now);
            string code, model;
            bool identity = _machine.TryGetIdentity(out code, out model);
            // A changed identity latches a suspicion, reported at once also while idle (a swap
            // between sessions); a running session reports it with its stop below.
            if (_identityWatch.Observe(identity, code) && !_running)
                _events.Warning(_config.Id, _config.ZoneId, WeldingReason.SuspectedModifiedMachine, code);
            double current = _machine.ArcCurrentAmps;
            bool currentGood = !QualityRules.IsBad(_machine.ArcCurrentQuality);
            bool arcOn = currentGood && current >= _config.ArcThresholdAmps;

            string tap = null;
            bool tapped = _cards != null && _cards.TryTakeTap(out tap);

            if (_running)
            {
                Accumulate(now, current, arcOn);
                WeldingReason stop = RunningFault(identity, code, now, utc);
                if (stop == WeldingReason.None && tapped)
                {
                    stop = tap == _cardUid ? WeldingReason.WelderEnded : WeldingReason.CardSwapped;
                }
                if (stop != WeldingReason.None)
                {
                    if (stop == WeldingReason.MachineIdentityChanged) _identityWatch.Suspect(code);
                    Stop(stop, now, utc);
                    if (stop == WeldingReason.MachineIdentityChanged)
                        _events.Warning(_config.Id, _config.ZoneId, WeldingReason.SuspectedModifiedMachine, code);
                    if (stop == WeldingReason.CertificateExpired)
                        _events.Warning(_config.Id, _config.ZoneId, WeldingReason.CertificateExpired, _session.WelderId);
                }
                else
                {
                    // A period starting mid-session: re-judged (the grade held, else RunningFault stopped it).
                    int period = SpecialPeriods.Active(_specialPeriods, utc);
                    if (period >= 0 && _sessionSpecialPeriod < 0)
                        _events.Warning(_config.Id, _config.ZoneId, WeldingReason.SpecialPeriodStarted, _specialPeriods[period].Name);
                    _sessionSpecialPeriod = period;
                }
                if (_running && !_expiryWarned && _permit.RemainingMs(utc, now) <= PermitWarningMs)
                {
                    _expiryWarned = true;
                    _events.Warning(_config.Id, _config.ZoneId, WeldingReason.PermitExpiresSoon, _permit.PermitId);
                }
            }
            else
            {
                _enable.Write(false);
                if (arcOn)
                {
                    if (!_bypassWarned)
                    {
                        _bypassWarned = true;
                        _events.Warning(_config.Id, _config.ZoneId, WeldingReason.BypassSuspected, code);
                    }
                }
                else
                {
                    _bypassWarned = false;
                }
                if (tapped && _identityWatch.IsSuspected) SuspectedMachineTap(tap, identity, code);
                else if (tapped) TryStart(tap, identity, code, now, utc);
            }
            _lastStepMs = now;
        }

        /// <summary>
        /// A tap at a machine locked as suspected of modification: a safety officer's card clears it
        /// (when the machine shows its registered code again) and that is an event; any other tap is
        /// refused, whatever code the machine shows.
        /// </summary>
        private void SuspectedMachineTap(string cardUid, bool identity, string code)
        {
            WelderRecord person = _registry.FindCard(cardUid);
            if (person != null && person.IsSafetyOfficer && _identityWatch.TryClear(identity, code))
            {
                _events.Warning(_config.Id, _config.ZoneId, WeldingReason.MachineModificationCleared, person.WelderId);
                return;
            }
            bool showsOther = identity && _config.ExpectedMachineCode != null && _config.ExpectedMachineCode.Length > 0 && code != _config.ExpectedMachineCode;
            WeldingReason r = WeldingReason.MachineLockedSuspectedModification;
            if (showsOther) r = _registry.FindMachine(code) == null ? WeldingReason.MachineUnregistered : WeldingReason.MachineIdentityChanged;
            _events.StartRefused(_config.Id, _config.ZoneId, cardUid, r);
        }

        private void TryStart(string cardUid, bool identity, string code, long now, long utc)
        {
            WeldingReason r = StartRefusal(cardUid, identity, code, now, utc);
            if (r != WeldingReason.None)
            {
                _events.StartRefused(_config.Id, _config.ZoneId, cardUid, r);
                if (r == WeldingReason.MachineIdentityChanged)
                    _events.Warning(_config.Id, _config.ZoneId, WeldingReason.SuspectedModifiedMachine, code);
                if (r == WeldingReason.MachineOutsidePermitArea)
                    _events.Warning(_config.Id, _config.ZoneId, WeldingReason.StartOutsidePermitArea, code);
                return;
            }
            WelderRecord welder = _registry.FindCard(cardUid);
            _running = true;
            _cardUid = cardUid;
            _expiryWarned = false;
            _sessionCounter++;
            _session.SessionNumber = _sessionCounter;
            _session.StationId = _config.Id;
            _session.MachineCode = code;
            _session.WelderId = welder.WelderId;
            _session.WelderName = welder.Name;
            _session.PermitId = _permit.PermitId;
            _session.ZoneId = _config.ZoneId;
            _session.StartUtcMs = utc;
            _session.StartMonotonicMs = now;
            _session.StopUtcMs = 0;
            _session.StopMonotonicMs = 0;
            _session.ArcOnMs = 0;
            _session.MaxCurrentAmps = 0;
            _session.CurrentIntegralAmpMs = 0;
            _session.StopReason = WeldingReason.None;
            _certificateExpiryUtcMs = welder.CertificateExpiryUtcMs;
            _certificateEndMonotonicMs = now + (welder.CertificateExpiryUtcMs - utc);
            // Enable in the same step as the tap: the machine's lock coil is released now.
            _enable.Write(true);
            _events.SessionStarted(_session);
            if (utc + CertificateWarningMs >= welder.CertificateExpiryUtcMs)
                _events.Warning(_config.Id, _config.ZoneId, WeldingReason.CertificateNearExpiry, welder.WelderId);
            _sessionSpecialPeriod = SpecialPeriods.Active(_specialPeriods, utc);
            if (_sessionSpecialPeriod >= 0)
                _events.Warning(_config.Id, _config.ZoneId, WeldingReason.SpecialPeriod, _specialPeriods[_sessionSpecialPeriod].Name);
        }

        private WeldingReason StartRefusal(string cardUid, bool identity, string code, long now, long utc)
        {
            if (!identity) return WeldingReason.MachineUnreadable;
            MachineRecord machine = _registry.FindMachine(code);
            if (machine == null) return WeldingReason.MachineUnregistered;
            if (_config.ExpectedMachineCode != null && _config.ExpectedMachineCode.Length > 0 && code != _config.ExpectedMachineCode)
                return WeldingReason.MachineIdentityChanged;
            if (machine.ZoneId != _config.ZoneId) return WeldingReason.MachineOutsidePermitArea;
            WelderRecord welder = _registry.FindCard(cardUid);
            if (welder == null) return WeldingReason.CardUnknown;
            if (!_clock.IsTrusted) return WeldingReason.ClockUntrusted;
            if (utc >= welder.CertificateExpiryUtcMs)
            {
                _events.Warning(_config.Id, _config.ZoneId, WeldingReason.CertificateExpired, welder.WelderId);
                return WeldingReason.CertificateExpired;
            }
            Permit permit = _permits.FindHotWork(_config.ZoneId, code, utc, now);
            if (permit == null)
            {
                Permit any = _permits.FindValid(_config.ZoneId, PermitKind.HotWork, utc, now);
                return any != null ? WeldingReason.MachineNotOnPermit : WeldingReason.NoValidPermit;
            }
            if (!permit.NamesWelder(welder.WelderId)) return WeldingReason.WelderNotOnPermit;
            // GB 30871-2022: in a special period hot work is one grade higher.
            if (SpecialPeriods.Active(_specialPeriods, utc) >= 0 && !SpecialPeriods.GradeMeetsUpgrade(permit.Grade))
                return WeldingReason.PermitGradeBelowSpecialPeriod;
            if (!_zones.ConditionsHoldExceptAuthorisation(_config.ZoneId)) return WeldingReason.ZoneNotPermissive;
            WeldingReason gas = GasState(permit);
            if (gas != WeldingReason.None) return gas;
            if (_gasClearSinceMs == long.MinValue || now - _gasClearSinceMs < _config.SettleMs) return WeldingReason.GasNotClear;
            // GB 30871-2022: analysis ≤ 30 min before the start; after an interruption > 60 min a new one.
            // Both ages on the longer of the two clocks' views: a clock set back never makes them shorter.
            if (permit.GasAnalysisAgeMs(utc, now) > GasAnalysisMaxAgeMs)
            {
                long pause = utc - _lastStopUtcMs;
                if (now - _lastStopMonotonicMs > pause) pause = now - _lastStopMonotonicMs;
                bool resumingSoon = _lastStopPermitId == permit.PermitId && pause <= InterruptionNeedsAnalysisMs;
                if (!resumingSoon) return WeldingReason.GasAnalysisTooOld;
            }
            _permit = permit;
            return WeldingReason.None;
        }

        private WeldingReason RunningFault(bool identity, string code, long now, long utc)
        {
            if (!identity) return WeldingReason.MachineUnreadable;
            if (code != _session.MachineCode) return WeldingReason.MachineIdentityChanged;
            if (!_permits.Holds(_permit.PermitId)) return WeldingReason.PermitCancelled;
            if (!_clock.IsTrusted) return WeldingReason.ClockUntrusted;
            if (_permit.HasEnded(utc, now)) return WeldingReason.PermitExpired;
            if (!SpecialPeriods.GradeMeetsUpgrade(_permit.Grade) && SpecialPeriods.Active(_specialPeriods, utc) >= 0)
                return WeldingReason.PermitGradeBelowSpecialPeriod;
            // The certificate ends during the session: stop at that instant (on either clock).
            if (utc >= _certificateExpiryUtcMs || now >= _certificateEndMonotonicMs) return WeldingReason.CertificateExpired;
            if (!_zones.ConditionsHoldExceptAuthorisation(_config.ZoneId)) return WeldingReason.ZoneTripped;
            // TrackGas judged the gas against this permit's limit earlier in the same step.
            if (_gasNow == WeldingReason.GasNotClear) return WeldingReason.GasOverLimit;
            return _gasNow;
        }

        private void Stop(WeldingReason reason, long now, long utc)
        {
            _enable.Write(false);
            _running = false;
            _session.StopReason = reason;
            _session.StopMonotonicMs = now;
            _session.StopUtcMs = utc;
            _lastStopUtcMs = utc;
            _lastStopMonotonicMs = now;
            _lastStopPermitId = _session.PermitId;
            _ended.CopyFrom(_session);
            _events.SessionEnded(_ended);
        }

        private void Accumulate(long now, double current, bool arcOn)
        {
            if (_lastStepMs == long.MinValue || now <= _lastStepMs) return;
            long dt = now - _lastStepMs;
            if (arcOn)
            {
                _session.ArcOnMs += dt;
                _session.CurrentIntegralAmpMs += current * dt;
                if (current > _session.MaxCurrentAmps) _session.MaxCurrentAmps = current;
            }
        }

        private void TrackGas(long now)
        {
            Permit p = _running ? _permit : null;
            // Before a permit is chosen, judge against the strictest GB 30871 rule.
            double limit = p != null ? p.CombustibleLimitPercentVolume : StrictestHotWorkLimitPercentVolume;
            _gasNow = GasWithin(limit);
            bool clear = _gasNow == WeldingReason.None;
            if (!clear) _gasClearSinceMs = long.MinValue;
            else if (_gasClearSinceMs == long.MinValue) _gasClearSinceMs = now;
        }

        private WeldingReason GasState(Permit permit)
        {
            return GasWithin(permit.CombustibleLimitPercentVolume);
        }

        private WeldingReason GasWithin(double limitPercentVolume)
        {
            int[] channels = _config.GasChannels;
            if (channels == null || channels.Length == 0) return WeldingReason.GasChannelFault; // hot work needs a gas reading
            for (int i = 0; i < channels.Length; i++)
            {
                if (!QualityRules.IsHealthyForPermissive(_alarms.EffectiveQuality(channels[i]))) return WeldingReason.GasChannelFault;
                double v = GasReadings.PercentVolume(_alarms, channels[i]);
                if (double.IsNaN(v)) return WeldingReason.GasChannelFault;
                if (v > limitPercentVolume) return WeldingReason.GasNotClear;
            }
            return WeldingReason.None;
        }
    }
}
