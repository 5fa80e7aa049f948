using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Ports;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// Authenticates and executes commands from the cmd topic (envelope: docs/mqtt.md, "Command
    /// envelope"). Order of checks: size, MAC (HMAC-SHA256 with the gateway key over every byte
    /// before the trailing ,"mac":"…"} — authenticated before it is parsed), strict JSON shape,
    /// gateway id, counter (strictly increasing: replay), expiry, then the command. Every input
    /// ends accepted or refused with a reason code; nothing throws. No command can energise an
    /// output: the only zone actions are a trip request and a reset request that the interlock
    /// engine grants only where configured and once the cause cleared.
    /// </summary>
    public sealed partial class CommandProcessor
    {
        /// <summary>
        /// The largest command accepted. The one constant the MQTT payload buffer is sized from
        /// (<see cref="MqttSession.PayloadBytes"/>): lowering it shrinks the buffer.
        /// </summary>
        public const int MaxCommandBytes = 4096;
        public const long MaxExpiryAheadMs = 10 * 60 * 1000;
        public const int MaxIdLength = 64;
        /// <summary>The envelope ends with ,"mac":"&lt;64 lowercase hex&gt;"} : 8 + 64 + 2 bytes.</summary>
        public const int MacSuffixLength = 74;

        private static readonly byte[] s_macPrefix = { (byte)',', (byte)'"', (byte)'m', (byte)'a', (byte)'c', (byte)'"', (byte)':', (byte)'"' };
        private static readonly string[] s_keys = { "v", "id", "gw", "ctr", "exp", "cmd", "args", "mac" };

        private readonly string _gatewayId;
        private readonly HmacSha256 _hmac;
        private readonly IClock _clock;
        private readonly AlarmEngine _engine;
        private readonly IZoneCommands _zones;
        private readonly IRemoteUpdateHandler _updates;
        private readonly IClockAdjuster _adjuster;
        private readonly byte[] _mac = new byte[HmacSha256.MacSize];
        private readonly byte[] _macScratch = new byte[HmacSha256.MacSize];
        private long _lastCounter;

        public CommandProcessor(string gatewayId, HmacSha256 hmac, IClock clock, AlarmEngine engine,
            IZoneCommands zones, IRemoteUpdateHandler updates, IClockAdjuster adjuster, long lastAcceptedCounter)
        {
            _gatewayId = gatewayId;
            _hmac = hmac;
            _clock = clock;
            _engine = engine;
            _zones = zones;
            _updates = updates;
            _adjuster = adjuster;
            _lastCounter = lastAcceptedCounter;
        }

        /// <summary>
        /// The highest counter accepted so far. Persist it (e.g. NVS) and pass it back after a
        /// reboot, otherwise an unexpired command could be replayed once after a reboot.
        /// </summary>
        public long LastAcceptedCounter { get { return _lastCounter; } }

        /// <summary>Where proof_test goes (null: the command is refused as not supported).</summary>
        public IProofTestCommands ProofTests { get; set; }

        /// <summary>Set by an accepted rebirth; the session publishes a birth and clears it.</summary>
        public bool RebirthRequested { get; set; }

        public void Handle(byte[] payload, int length, CommandResult result)
        {
            result.Clear();
            try
            {
                HandleCore(payload, length, result);
            }
            catch (System.Exception)
            {
                // A handler bug must not take the pump down; the command is refused, not half-done.
                result.Refuse(CommandReasons.Refused);
            }
        }

        private void HandleCore(byte[] payload, int length, CommandResult result)
        {
            JsonValue root = AuthenticatedRoot(payload, length, result);
            if (root == null) return;
            long v;
            string id;
            string gw;
            long ctr;
            long exp;
            string cmd;
            if (!root.TryGetLong("v", out v) || v != 1
                || !root.TryGetString("id", out id) || id.Length < 1 || id.Length > MaxIdLength
                || !root.TryGetString("gw", out gw)
                || !root.TryGetLong("ctr", out ctr) || ctr < 1 || ctr > 9007199254740991L
                || !root.TryGetLong("exp", out exp)
                || !root.TryGetString("cmd", out cmd) || cmd.Length < 1 || cmd.Length > 32)
            {
                result.Refuse(CommandReasons.Malformed);
                return;
            }
            JsonValue args = root.Get("args");
            if (args != null && !args.IsObject)
            {
                result.Refuse(CommandReasons.Malformed);
                return;
            }
            result.Id = id;
            result.Command = cmd;
            if (gw != _gatewayId)
            {
                result.Refuse(CommandReasons.WrongGateway);
                return;
            }
            if (ctr <= _lastCounter)
            {
                result.Refuse(CommandReasons.Replayed);
                return;
            }
            if (ctr - _lastCounter > MaxCounterStep)
            {
                result.Refuse(CommandReasons.CounterTooFar);
                return;
            }
            bool safeDirection = cmd == "trip_zone" || cmd == "rebirth" || cmd == "set_time";
            if (_clock.IsTrusted)
            {
                long now = _clock.UtcMs;
                if (now > exp)
                {
                    result.Refuse(CommandReasons.Expired);
                    return;
                }
                if (exp - now > MaxExpiryAheadMs)
                {
                    result.Refuse(CommandReasons.ExpiryTooFar);
                    return;
                }
            }
            else if (!safeDirection)
            {
                result.Refuse(CommandReasons.ClockUntrusted);
                return;
            }
            if (!Consume(ctr, result)) return;
            Execute(cmd, args, result);
        }

        /// <summary>The command's JSON object once its size, HMAC suffix and keys pass; null (and the result refused with the reason) otherwise.</summary>
        private JsonValue AuthenticatedRoot(byte[] payload, int length, CommandResult result)
        {
            // Size first, whatever the buffer: a link reports the real length of a message it could not copy whole.
            if (length > MaxCommandBytes)
            {
                result.Refuse(CommandReasons.Oversized);
                return null;
            }
            if (payload == null || length < 0 || length > payload.Length)
            {
                result.Refuse(CommandReasons.Malformed);
                return null;
            }
            int macStart = length - MacSuffixLength;
            if (macStart < 2 || !HasMacSuffix(payload, macStart) || !TryDecodeMac(payload, macStart + 8))
            {
                result.Refuse(CommandReasons.Unauthenticated);
                return null;
            }
            if (!_hmac.Verify(payload, 0, macStart, _mac, 0, _macScratch))
            {
                result.Refuse(CommandReasons.Unauthenticated);
                return null;
            }
            JsonValue root;
            string error;
            if (!JsonParser.TryParse(payload, 0, length, 8, out root, out error) || !root.IsObject)
            {
                result.Refuse(CommandReasons.Malformed);
                return null;
            }
            for (int i = 0; i < root.Count; i++)
            {
                if (!IsKnownKey(root.KeyAt(i)))
                {
                    result.Refuse(CommandReasons.Malformed);
                    return null;
                }
            }
            return root;
        }

        private static bool IsKnownKey(string k)
        {
            for (int i = 0; i < s_keys.Length; i++) if (s_keys[i] == k) return true;
            return false;
        }

        private static bool HasMacSuffix(byte[] p, int at)
        {
            for (int i = 0; i < s_macPrefix.Length; i++) if (p[at + i] != s_macPrefix[i]) return false;
            return p[at + MacSuffixLength - 2] == (byte)'"' && p[at + MacSuffixLength - 1] == (byte)'}';
        }

        private bool TryDecodeMac(byte[] p, int at)
        {
            for (int i = 0; i < HmacSha256.MacSize; i++)
            {
                int hi = Hex(p[at + 2 * i]);
                int lo = Hex(p[at + 2 * i + 1]);
                if (hi < 0 || lo < 0) return false;
                _mac[i] = (byte)((hi << 4) | lo);
            }
            return true;
        }

        private static int Hex(byte c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            return -1;
        }

        private void Execute(string cmd, JsonValue args, CommandResult result)
        {
            long n;
            // if/else rather than a string switch: the compiler may lower that to a hash helper nanoFramework lacks.
            if (cmd == "rebirth")
            {
                RebirthRequested = true;
                result.Accept("birth will be published again", "将重新发布上线消息");
                return;
            }
            if (cmd == "trip_zone" || cmd == "reset_zone")
            {
                ZoneCommand(cmd, args, result);
                return;
            }
            if (cmd == ProofTestCommand.Name)
            {
                ProofTestCommand.Execute(ProofTests, args, result);
                return;
            }
            if (cmd == "inhibit")
            {
                Inhibit(args, result);
                return;
            }
            if (cmd == "set_time")
            {
                if (args == null || !args.TryGetLong("utc_ms", out n) || n < 0)
                {
                    result.Refuse(CommandReasons.BadArguments);
                    return;
                }
                if (_adjuster == null)
                {
                    result.Refuse(CommandReasons.NotSupported);
                    return;
                }
                if (_adjuster.TrySetUtc(n)) result.Accept("clock set", "时钟已校准");
                else result.Refuse(CommandReasons.TimeRejected);
                return;
            }
            if (cmd == "update_permits" || cmd == "update_registry" || cmd == "update_config" || cmd == "config_chunk")
            {
                if (args == null)
                {
                    result.Refuse(CommandReasons.BadArguments);
                    return;
                }
                if (_updates == null)
                {
                    result.Refuse(CommandReasons.NotSupported);
                    return;
                }
                _updates.Apply(cmd, args, result);
                if (result.Code == null) result.Refuse(CommandReasons.Refused);
                return;
            }
            result.Refuse(CommandReasons.UnknownCommand);
        }


        private void Inhibit(JsonValue args, CommandResult result)
        {
            string ch;
            long seconds;
            if (args == null || !args.TryGetString("channel", out ch) || !args.TryGetLong("duration_s", out seconds)
                || seconds < 0 || seconds > 7L * 24 * 3600)
            {
                result.Refuse(CommandReasons.BadArguments);
                return;
            }
            if (_engine == null)
            {
                result.Refuse(CommandReasons.NotSupported);
                return;
            }
            int index = _engine.IndexOf(ch);
            if (index < 0)
            {
                result.Refuse(CommandReasons.UnknownChannel);
                return;
            }
            long now = _clock.MonotonicMs;
            if (seconds == 0)
            {
                _engine.EndInhibit(index, now);
                result.Accept("inhibit ended", "屏蔽已解除");
                return;
            }
            InhibitOutcome o = _engine.Inhibit(index, now + seconds * 1000, now);
            switch (o)
            {
                case InhibitOutcome.Accepted:
                    result.Accept("channel inhibited until the expiry", "通道已屏蔽，到期自动解除");
                    return;
                case InhibitOutcome.TooLong:
                    result.Refuse(CommandReasons.InhibitTooLong);
                    return;
                case InhibitOutcome.UnknownChannel:
                    result.Refuse(CommandReasons.UnknownChannel);
                    return;
                default:
                    result.Refuse(CommandReasons.BadArguments);
                    return;
            }
        }

        private static void ZoneOutcome(ZoneCommandOutcome o, string en, string zh, CommandResult result)
        {
            switch (o)
            {
                case ZoneCommandOutcome.Accepted: result.Accept(en, zh); return;
                case ZoneCommandOutcome.UnknownZone: result.Refuse(CommandReasons.UnknownZone); return;
                case ZoneCommandOutcome.RemoteResetNotAllowed: result.Refuse(CommandReasons.RemoteResetNotAllowed); return;
                case ZoneCommandOutcome.CausePersists: result.Refuse(CommandReasons.CausePersists); return;
                default: result.Refuse(CommandReasons.Refused); return;
            }
        }
    }
}
