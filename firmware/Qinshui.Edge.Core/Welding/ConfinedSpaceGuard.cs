using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// Confined-space entry (GB 30871-2022): work is authorised only while a confined-space
    /// permit is valid now, the attendant named on it is present (tapped in), O2 is within
    /// 19.5–21 %vol (≤ 23.5 % where the permit says oxygen-enriched) and every toxic channel is
    /// healthy and below its alarm level, and every combustible channel at or below the GB 30871
    /// gas-analysis limit (the permit's, or the channel gas's rule: Profiles/ConfinedSpaceGasRule)
    /// — monitored continuously during entry. Entrants tap in and out; losing a condition with
    /// entrants inside raises an evacuation warning.
    /// </summary>
    public sealed class ConfinedSpaceGuard
    {
        public const double OxygenMinPercentVolume = 19.5;
        public const double OxygenMaxPercentVolume = 21.0;
        public const double OxygenEnrichedMaxPercentVolume = 23.5;
        public const int MaxEntrants = 16;

        private readonly string _zoneId;
        private readonly int _oxygenChannel;
        private readonly int[] _toxicChannels;
        private readonly int[] _combustibleChannels;
        private readonly ICardReader _cards;
        private readonly WeldingRegistry _registry;
        private readonly PermitBook _permits;
        private readonly AlarmEngine _alarms;
        private readonly IClock _clock;
        private readonly IWeldingEvents _events;
        private readonly string[] _inside = new string[MaxEntrants];
        private bool _attendantPresent;
        private bool _authorised;
        private ConfinedSpaceFault _fault;

        public ConfinedSpaceGuard(string zoneId, int oxygenChannel, int[] toxicChannels, ICardReader cards, WeldingRegistry registry,
            PermitBook permits, AlarmEngine alarms, IClock clock, IWeldingEvents events)
            : this(zoneId, oxygenChannel, toxicChannels, new int[0], cards, registry, permits, alarms, clock, events)
        {
        }

        public ConfinedSpaceGuard(string zoneId, int oxygenChannel, int[] toxicChannels, int[] combustibleChannels, ICardReader cards,
            WeldingRegistry registry, PermitBook permits, AlarmEngine alarms, IClock clock, IWeldingEvents events)
        {
            _zoneId = zoneId;
            _combustibleChannels = combustibleChannels ?? new int[0];
            _oxygenChannel = oxygenChannel;
            _toxicChannels = toxicChannels;
            _cards = cards;
            _registry = registry;
            _permits = permits;
            _alarms = alarms;
            _clock = clock;
            _events = events;
        }

        public string ZoneId { get { return _zoneId; } }
        public bool IsAuthorised { get { return _authorised; } }
        public bool AttendantPresent { get { return _attendantPresent; } }
        public ConfinedSpaceFault Fault { get { return _fault; } }

        public int EntrantsInside
        {
            get
            {
                int n = 0;
                for (int i = 0; i < _inside.Length; i++)
                {
                    if (_inside[i] != null) n++;
                }
                return n;
            }
        }

        public bool AuthorisesZone(string zoneId) { return _authorised && zoneId == _zoneId; }

        public void Step()
        {
            long utc = _clock.UtcMs;
            Permit permit = _clock.IsTrusted ? _permits.FindValid(_zoneId, PermitKind.ConfinedSpace, utc, _clock.MonotonicMs) : null;
            string tap;
            if (_cards != null && _cards.TryTakeTap(out tap)) OnTap(tap, permit);

            ConfinedSpaceFault fault = Evaluate(permit);
            bool authorised = fault == ConfinedSpaceFault.None;
            if (_authorised && !authorised && EntrantsInside > 0)
            {
                // Conditions lost with people inside: evacuate (the zone's interlock trips on the lost authorisation).
                _events.Warning(_zoneId, _zoneId, WeldingReason.AbnormalOperation, ConfinedSpaceFaults.Code(fault));
            }
            _fault = fault;
            _authorised = authorised;
        }

        private ConfinedSpaceFault Evaluate(Permit permit)
        {
            if (!_clock.IsTrusted) return ConfinedSpaceFault.ClockUntrusted;
            if (permit == null) return ConfinedSpaceFault.NoValidPermit;
            if (!_attendantPresent) return ConfinedSpaceFault.NoAttendant;
            if (!QualityRules.IsHealthyForPermissive(_alarms.EffectiveQuality(_oxygenChannel)) || _alarms.ChannelUnit(_oxygenChannel) != Unit.PercentVolume)
                return ConfinedSpaceFault.MonitoringFault;
            double max = permit.OxygenEnriched ? OxygenEnrichedMaxPercentVolume : OxygenMaxPercentVolume;
            double o2 = _alarms.LastValue(_oxygenChannel);
            if (o2 < OxygenMinPercentVolume) return ConfinedSpaceFault.OxygenLow;
            if (o2 > max) return ConfinedSpaceFault.OxygenHigh;
            for (int i = 0; i < _toxicChannels.Length; i++)
            {
                int c = _toxicChannels[i];
                if (!QualityRules.IsHealthyForPermissive(_alarms.EffectiveQuality(c))) return ConfinedSpaceFault.MonitoringFault;
                if (_alarms.IsTripping(c, LevelKind.Alarm) || _alarms.IsTripping(c, LevelKind.Trip)) return ConfinedSpaceFault.ToxicGas;
            }
            return Combustible(permit);
        }

        /// <summary>GB 30871-2022 gas analysis, continuously: every combustible channel healthy and at or below its limit.</summary>
        private ConfinedSpaceFault Combustible(Permit permit)
        {
            bool named = permit.CombustibleGas != null && permit.CombustibleGas.Length > 0;
            // A permit naming a combustible gas that no channel measures cannot be judged (the permit book refuses it too).
            if (named && _combustibleChannels.Length == 0) return ConfinedSpaceFault.MonitoringFault;
            for (int i = 0; i < _combustibleChannels.Length; i++)
            {
                int c = _combustibleChannels[i];
                if (!QualityRules.IsHealthyForPermissive(_alarms.EffectiveQuality(c))) return ConfinedSpaceFault.MonitoringFault;
                double v = GasReadings.PercentVolume(_alarms, c);
                if (double.IsNaN(v)) return ConfinedSpaceFault.MonitoringFault;
                double limit = named ? permit.CombustibleLimitPercentVolume : ConfinedSpaceGasRule.LimitPercentVolume(_alarms.Gas(c));
                if (v > limit) return ConfinedSpaceFault.CombustibleGas;
            }
            return ConfinedSpaceFault.None;
        }

        private void OnTap(string cardUid, Permit permit)
        {
            WelderRecord person = _registry.FindCard(cardUid);
            if (person == null || permit == null)
            {
                _events.StartRefused(_zoneId, _zoneId, cardUid, person == null ? WeldingReason.CardUnknown : WeldingReason.NoValidPermit);
                return;
            }
            if (person.WelderId == permit.AttendantId)
            {
                if (_attendantPresent && EntrantsInside > 0)
                {
                    // The attendant may not leave while anyone is inside.
                    _events.Warning(_zoneId, _zoneId, WeldingReason.AbnormalOperation, "attendant_leaving_with_entrants_inside");
                    return;
                }
                _attendantPresent = !_attendantPresent;
                return;
            }
            if (!permit.NamesEntrant(person.WelderId))
            {
                _events.StartRefused(_zoneId, _zoneId, cardUid, WeldingReason.WelderNotOnPermit);
                return;
            }
            for (int i = 0; i < _inside.Length; i++)
            {
                if (_inside[i] == person.WelderId)
                {
                    _inside[i] = null; // tapped out
                    return;
                }
            }
            if (!_authorised)
            {
                _events.StartRefused(_zoneId, _zoneId, cardUid, WeldingReason.ZoneNotPermissive);
                return;
            }
            for (int i = 0; i < _inside.Length; i++)
            {
                if (_inside[i] == null)
                {
                    _inside[i] = person.WelderId;
                    return;
                }
            }
        }
    }
}
