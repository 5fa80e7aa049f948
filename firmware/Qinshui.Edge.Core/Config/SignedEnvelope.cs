using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Util;

namespace Qinshui.Edge.Core.Config
{
    public enum EnvelopeOutcome
    {
        Accepted = 0,
        Malformed = 1,
        WrongGateway = 2,
        BadSignature = 3,
        /// <summary>Counter not above the last accepted one of this type: a replay or an older document.</summary>
        Replayed = 4,
        UnsupportedVersion = 5,
        WrongType = 6,
    }

    /// <summary>
    /// The signed form in which the platform or a technician hands the gateway a document
    /// (a configuration, a permit, a registry):
    /// <code>{"v":1,"type":"permit","gateway":"gw-01","counter":7,"issuedUtcMs":…,"body":"&lt;base64&gt;","mac":"&lt;hex&gt;"}</code>
    /// mac = HMAC-SHA256(gateway key, "qedge-" + type + "-v1\n" + gateway + "\n" + counter + "\n" + issuedUtcMs + "\n" + body bytes).
    /// The type is inside the MAC, so a permit cannot be passed off as a config. The body is
    /// carried as base64 so the MAC covers exact bytes, never a re-serialisation.
    /// </summary>
    public static class SignedEnvelope
    {
        public const int MaxEnvelopeBytes = 64 * 1024;

        public static byte[] MacInput(string type, string gatewayId, long counter, long issuedUtcMs, byte[] body)
        {
            string head = "qedge-" + type + "-v1\n" + gatewayId + "\n" + counter + "\n" + issuedUtcMs + "\n";
            int headLength = Utf8.ByteCount(head);
            byte[] b = new byte[headLength + body.Length];
            Utf8.Encode(head, b, 0);
            System.Array.Copy(body, 0, b, headLength, body.Length);
            return b;
        }

        public static byte[] Sign(string type, byte[] body, string gatewayId, long counter, long issuedUtcMs, byte[] key)
        {
            byte[] macInput = MacInput(type, gatewayId, counter, issuedUtcMs, body);
            byte[] mac = new byte[HmacSha256.MacSize];
            HmacSha256.Portable(key).Compute(macInput, 0, macInput.Length, mac, 0);
            string b64 = Base64.Encode(body, 0, body.Length);
            byte[] buf = new byte[b64.Length + Utf8.ByteCount(gatewayId) * 6 + type.Length * 6 + 256];
            JsonWriter w = new JsonWriter(buf);
            w.StartObject();
            w.Integer("v", 1);
            w.String("type", type);
            w.String("gateway", gatewayId);
            w.Integer("counter", counter);
            w.Integer("issuedUtcMs", issuedUtcMs);
            w.String("body", b64);
            w.Hex("mac", mac, 0, mac.Length);
            w.EndObject();
            byte[] result = new byte[w.Length];
            System.Array.Copy(buf, result, w.Length);
            return result;
        }

        /// <summary>Verifies an envelope of the expected type for this gateway; on Accepted, body holds the exact signed bytes.</summary>
        public static EnvelopeOutcome Open(byte[] envelope, int offset, int length, string expectedType, string gatewayId, byte[] key,
            long lastCounter, out byte[] body, out long counter, out long issuedUtcMs)
        {
            body = null;
            counter = 0;
            issuedUtcMs = 0;
            if (length > MaxEnvelopeBytes) return EnvelopeOutcome.Malformed;
            JsonValue root;
            string error;
            if (!JsonParser.TryParse(envelope, offset, length, 4, out root, out error) || !root.IsObject) return EnvelopeOutcome.Malformed;
            return Open(root, expectedType, gatewayId, key, lastCounter, out body, out counter, out issuedUtcMs);
        }

        public static EnvelopeOutcome Open(JsonValue root, string expectedType, string gatewayId, byte[] key,
            long lastCounter, out byte[] body, out long counter, out long issuedUtcMs)
        {
            body = null;
            counter = 0;
            issuedUtcMs = 0;
            if (root == null || !root.IsObject) return EnvelopeOutcome.Malformed;
            long v;
            if (!root.TryGetLong("v", out v)) return EnvelopeOutcome.Malformed;
            if (v != 1) return EnvelopeOutcome.UnsupportedVersion;
            string type, gw, b64, macHex;
            if (!root.TryGetString("type", out type) || !root.TryGetString("gateway", out gw) || !root.TryGetLong("counter", out counter)
                || !root.TryGetLong("issuedUtcMs", out issuedUtcMs) || !root.TryGetString("body", out b64)
                || !root.TryGetString("mac", out macHex)) return EnvelopeOutcome.Malformed;
            byte[] mac = Hex.Decode(macHex);
            byte[] decoded = Base64.Decode(b64);
            if (mac == null || mac.Length != HmacSha256.MacSize || decoded == null) return EnvelopeOutcome.Malformed;
            byte[] macInput = MacInput(type, gw, counter, issuedUtcMs, decoded);
            if (!HmacSha256.Portable(key).Verify(macInput, 0, macInput.Length, mac, 0, new byte[HmacSha256.MacSize]))
                return EnvelopeOutcome.BadSignature;
            // Judged only after the MAC: an unauthenticated sender learns nothing but "bad signature".
            if (type != expectedType) return EnvelopeOutcome.WrongType;
            if (gw != gatewayId) return EnvelopeOutcome.WrongGateway;
            if (counter <= lastCounter) return EnvelopeOutcome.Replayed;
            body = decoded;
            return EnvelopeOutcome.Accepted;
        }

        public static string Code(EnvelopeOutcome o)
        {
            switch (o)
            {
                case EnvelopeOutcome.Accepted: return "accepted";
                case EnvelopeOutcome.Malformed: return "malformed";
                case EnvelopeOutcome.WrongGateway: return "wrong_gateway";
                case EnvelopeOutcome.BadSignature: return "bad_signature";
                case EnvelopeOutcome.Replayed: return "replayed";
                case EnvelopeOutcome.UnsupportedVersion: return "unsupported_version";
                case EnvelopeOutcome.WrongType: return "wrong_type";
                default: return "unknown";
            }
        }
    }
}
