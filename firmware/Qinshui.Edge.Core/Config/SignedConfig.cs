using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Config
{
    public enum SignedConfigOutcome
    {
        Accepted = 0,
        Malformed = 1,
        WrongGateway = 2,
        BadSignature = 3,
        /// <summary>Counter not above the last applied one: a replay or an older config.</summary>
        Replayed = 4,
        UnsupportedVersion = 5,
    }

    /// <summary>
    /// The envelope the gateway accepts a configuration in (flash file or MQTT push):
    /// <code>{"v":1,"gateway":"gw-01","counter":7,"issuedUtcMs":…,"config":"&lt;base64 of the config file&gt;","mac":"&lt;hex&gt;"}</code>
    /// mac = HMAC-SHA256(gateway key, "qedge-config-v1\n" + gateway + "\n" + counter + "\n" + issuedUtcMs + "\n" + config bytes).
    /// The counter must increase from one applied config to the next, so an old signed config
    /// cannot be replayed. The MAC covers the exact file bytes, so the config hash the gateway
    /// reports is the SHA-256 of what the technician signed.
    /// </summary>
    public static class SignedConfig
    {
        public const string Domain = "qedge-config-v1\n";

        public static byte[] MacInput(string gatewayId, long counter, long issuedUtcMs, byte[] config)
        {
            string head = Domain + gatewayId + "\n" + counter + "\n" + issuedUtcMs + "\n";
            int headLength = Utf8.ByteCount(head);
            byte[] b = new byte[headLength + config.Length];
            Utf8.Encode(head, b, 0);
            System.Array.Copy(config, 0, b, headLength, config.Length);
            return b;
        }

        /// <summary>Builds an envelope (qedge config sign; tests).</summary>
        public static byte[] Sign(byte[] config, string gatewayId, long counter, long issuedUtcMs, byte[] key)
        {
            byte[] macInput = MacInput(gatewayId, counter, issuedUtcMs, config);
            byte[] mac = new byte[HmacSha256.MacSize];
            HmacSha256.Portable(key).Compute(macInput, 0, macInput.Length, mac, 0);
            string b64 = Base64.Encode(config, 0, config.Length);
            byte[] buf = new byte[b64.Length + gatewayId.Length * 3 + 256];
            JsonWriter w = new JsonWriter(buf);
            w.StartObject();
            w.Integer("v", 1);
            w.String("gateway", gatewayId);
            w.Integer("counter", counter);
            w.Integer("issuedUtcMs", issuedUtcMs);
            w.String("config", b64);
            w.Hex("mac", mac, 0, mac.Length);
            w.EndObject();
            byte[] result = new byte[w.Length];
            System.Array.Copy(buf, result, w.Length);
            return result;
        }

        /// <summary>
        /// Verifies an envelope for this gateway; on Accepted, config holds the file bytes and
        /// counter the envelope's counter (store it as the new minimum).
        /// </summary>
        public static SignedConfigOutcome Open(byte[] envelope, int offset, int length, string gatewayId, byte[] key,
            long lastCounter, out byte[] config, out long counter)
        {
            config = null;
            counter = 0;
            JsonValue root;
            string error;
            if (!JsonParser.TryParse(envelope, offset, length, 4, out root, out error) || !root.IsObject) return SignedConfigOutcome.Malformed;
            long v;
            if (!root.TryGetLong("v", out v)) return SignedConfigOutcome.Malformed;
            if (v != 1) return SignedConfigOutcome.UnsupportedVersion;
            string gw, b64, macHex;
            long issued;
            if (!root.TryGetString("gateway", out gw) || !root.TryGetLong("counter", out counter)
                || !root.TryGetLong("issuedUtcMs", out issued) || !root.TryGetString("config", out b64)
                || !root.TryGetString("mac", out macHex)) return SignedConfigOutcome.Malformed;
            if (gw != gatewayId) return SignedConfigOutcome.WrongGateway;
            byte[] mac = Hex.Decode(macHex);
            byte[] body = Base64.Decode(b64);
            if (mac == null || mac.Length != HmacSha256.MacSize || body == null) return SignedConfigOutcome.Malformed;
            byte[] macInput = MacInput(gw, counter, issued, body);
            if (!HmacSha256.Portable(key).Verify(macInput, 0, macInput.Length, mac, 0, new byte[HmacSha256.MacSize]))
                return SignedConfigOutcome.BadSignature;
            if (counter <= lastCounter) return SignedConfigOutcome.Replayed;
            config = body;
            return SignedConfigOutcome.Accepted;
        }

        public static string Code(SignedConfigOutcome o)
        {
            switch (o)
            {
                case SignedConfigOutcome.Accepted: return "accepted";
                case SignedConfigOutcome.Malformed: return "malformed";
                case SignedConfigOutcome.WrongGateway: return "wrong_gateway";
                case SignedConfigOutcome.BadSignature: return "bad_signature";
                case SignedConfigOutcome.Replayed: return "replayed";
                case SignedConfigOutcome.UnsupportedVersion: return "unsupported_version";
                default: return "unknown";
            }
        }
    }
}
