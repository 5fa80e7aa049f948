using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// The permits this gateway holds. They arrive as signed envelopes (type "permit") and keep
    /// working without network. Forged, replayed, expired, foreign-zone or looser permits are
    /// refused with a reason; a cancellation (same id, "cancelled": true) removes a permit.
    /// </summary>
    public sealed class PermitBook
    {
        private readonly Permit[] _permits;
        private readonly string _gatewayId;
        private readonly byte[] _key;
        private readonly string[] _zoneIds;
        private long _lastCounter;
        private string[] _combustibleMonitoredZones;

        public PermitBook(int capacity, string gatewayId, byte[] key, string[] zoneIds, long lastCounter)
        {
            _permits = new Permit[capacity];
            _gatewayId = gatewayId;
            _key = key;
            _zoneIds = zoneIds;
            _lastCounter = lastCounter;
        }

        /// <summary>The counter of the last accepted envelope: persist it so a reboot does not reopen replays.</summary>
        public long LastCounter { get { return _lastCounter; } }

        public int Capacity { get { return _permits.Length; } }

        /// <summary>The id of the permit the last Apply accepted, cancelled or refused (when it could be read).</summary>
        public string LastPermitId { get; private set; }

        public Permit this[int index] { get { return _permits[index]; } }

        public WeldingReason Apply(byte[] envelope, int offset, int length, long nowUtcMs, bool clockTrusted)
        {
            return Apply(envelope, offset, length, nowUtcMs, long.MinValue, clockTrusted);
        }

        /// <summary>Applies a permit envelope; with a trusted clock its window is anchored on the monotonic clock now.</summary>
        public WeldingReason Apply(byte[] envelope, int offset, int length, long nowUtcMs, long nowMonotonicMs, bool clockTrusted)
        {
            if (length > SignedEnvelope.MaxEnvelopeBytes) return WeldingReason.PermitMalformed;
            JsonValue root;
            string parseError;
            if (!JsonParser.TryParse(envelope, offset, length, 4, out root, out parseError)) return WeldingReason.PermitMalformed;
            return Apply(root, nowUtcMs, nowMonotonicMs, clockTrusted);
        }

        /// <summary>Applies an already parsed envelope (as carried in an update_permits command).</summary>
        public WeldingReason Apply(JsonValue envelope, long nowUtcMs, bool clockTrusted)
        {
            return Apply(envelope, nowUtcMs, long.MinValue, clockTrusted);
        }

        /// <summary>
        /// Applies an already parsed envelope. nowMonotonicMs = long.MinValue: no monotonic time
        /// given, the permit is anchored at its first search with a trusted clock instead.
        /// </summary>
        public WeldingReason Apply(JsonValue envelope, long nowUtcMs, long nowMonotonicMs, bool clockTrusted)
        {
            LastPermitId = null;
            byte[] body;
            long counter, issued;
            EnvelopeOutcome o = SignedEnvelope.Open(envelope, "permit", _gatewayId, _key, _lastCounter, out body, out counter, out issued);
            switch (o)
            {
                case EnvelopeOutcome.Accepted: break;
                case EnvelopeOutcome.BadSignature: return WeldingReason.PermitForged;
                case EnvelopeOutcome.Replayed: return WeldingReason.PermitReplayed;
                case EnvelopeOutcome.WrongGateway: return WeldingReason.PermitWrongGateway;
                case EnvelopeOutcome.WrongType: return WeldingReason.PermitForged;
                default: return WeldingReason.PermitMalformed;
            }
            JsonValue v;
            string error;
            if (!JsonParser.TryParse(body, 0, body.Length, 8, out v, out error)) return WeldingReason.PermitMalformed;
            WeldingReason reason;
            bool cancelled;
            Permit p = PermitReader.Read(v, out reason, out cancelled);
            if (p == null) return reason;
            LastPermitId = p.PermitId;
            if (!KnowsZone(p.ZoneId)) return WeldingReason.PermitForeignZone;
            // GB 30871-2022: a confined-space permit naming a combustible gas needs it measured continuously.
            if (!cancelled && p.Kind == PermitKind.ConfinedSpace && p.CombustibleGas.Length > 0 && !Contains(_combustibleMonitoredZones, p.ZoneId))
                return WeldingReason.PermitCombustibleUnmonitored;
            if (cancelled)
            {
                _lastCounter = counter;
                Remove(p.PermitId);
                return WeldingReason.PermitCancelled;
            }
            // Without a trusted clock the window cannot be judged now; keep the permit and let
            // a start be refused with clock_untrusted until time is synced.
            if (clockTrusted && nowUtcMs >= p.ValidToUtcMs) return WeldingReason.PermitAlreadyExpired;
            _lastCounter = counter;
            // Checked now against a trusted clock: from here the window runs on the monotonic clock.
            if (clockTrusted && nowMonotonicMs != long.MinValue) p.Anchor(nowUtcMs, nowMonotonicMs);
            Store(p, nowUtcMs);
            return WeldingReason.None;
        }

        /// <summary>
        /// A hot-work permit valid now (on both clocks) for this zone naming this machine (null if
        /// none). Call only with a trusted clock: a permit not yet anchored is anchored now.
        /// </summary>
        public Permit FindHotWork(string zoneId, string machineCode, long nowUtcMs, long nowMonotonicMs)
        {
            for (int i = 0; i < _permits.Length; i++)
            {
                Permit p = _permits[i];
                if (p == null || p.Kind != PermitKind.HotWork || p.ZoneId != zoneId) continue;
                p.Anchor(nowUtcMs, nowMonotonicMs);
                if (p.IsValidAt(nowUtcMs, nowMonotonicMs) && p.NamesMachine(machineCode)) return p;
            }
            return null;
        }

        /// <summary>Any permit of that kind valid now (on both clocks) for the zone (null if none). Call only with a trusted clock.</summary>
        public Permit FindValid(string zoneId, PermitKind kind, long nowUtcMs, long nowMonotonicMs)
        {
            for (int i = 0; i < _permits.Length; i++)
            {
                Permit p = _permits[i];
                if (p == null || p.Kind != kind || p.ZoneId != zoneId) continue;
                p.Anchor(nowUtcMs, nowMonotonicMs);
                if (p.IsValidAt(nowUtcMs, nowMonotonicMs)) return p;
            }
            return null;
        }

        /// <summary>True while a permit with this id is held.</summary>
        public bool Holds(string permitId)
        {
            for (int i = 0; i < _permits.Length; i++)
            {
                if (_permits[i] != null && _permits[i].PermitId == permitId) return true;
            }
            return false;
        }

        /// <summary>The confined-space zones with at least one combustible channel (set by the composition root).</summary>
        public void SetCombustibleMonitoredZones(string[] zoneIds)
        {
            _combustibleMonitoredZones = zoneIds;
        }

        private static bool Contains(string[] list, string s)
        {
            if (list == null) return false;
            for (int i = 0; i < list.Length; i++)
            {
                if (list[i] == s) return true;
            }
            return false;
        }

        private bool KnowsZone(string zoneId)
        {
            for (int i = 0; i < _zoneIds.Length; i++)
            {
                if (_zoneIds[i] == zoneId) return true;
            }
            return false;
        }

        private void Remove(string permitId)
        {
            for (int i = 0; i < _permits.Length; i++)
            {
                if (_permits[i] != null && _permits[i].PermitId == permitId) _permits[i] = null;
            }
        }

        private void Store(Permit p, long nowUtcMs)
        {
            int free = -1;
            for (int i = 0; i < _permits.Length; i++)
            {
                if (_permits[i] != null && _permits[i].PermitId == p.PermitId)
                {
                    _permits[i] = p;
                    return;
                }
                if (free < 0 && (_permits[i] == null || _permits[i].ValidToUtcMs <= nowUtcMs)) free = i;
            }
            if (free < 0)
            {
                // Full of live permits: replace the one ending soonest.
                free = 0;
                for (int i = 1; i < _permits.Length; i++)
                {
                    if (_permits[i].ValidToUtcMs < _permits[free].ValidToUtcMs) free = i;
                }
            }
            _permits[free] = p;
        }
    }
}
