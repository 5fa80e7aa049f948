using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Validation;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// Parses and validates a gateway configuration. Returns null with every error (path,
    /// code, English, Chinese) when anything is wrong: a configuration is applied whole or
    /// not at all, never half.
    /// </summary>
    public static class GatewayConfigReader
    {
        private static readonly string[] s_topMembers = { "$schema", "schemaVersion", "site", "gateway", "channels" };

        public static GatewayConfig Read(byte[] utf8, int offset, int length, ValidationErrors errors)
        {
            JsonValue root;
            string parseError;
            if (!JsonParser.TryParse(utf8, offset, length, out root, out parseError))
            {
                errors.Error("", "json_invalid", "not valid JSON: " + parseError, "不是有效的 JSON：" + parseError);
                return null;
            }
            ConfigReader r = new ConfigReader(errors);
            if (!r.ExpectObject(root, "")) return null;
            r.RejectUnknown(root, "", s_topMembers);

            int version = r.Int(root, "schemaVersion", "", true, 0, 1, 1000);
            if (version != 0 && version != GatewayConfig.SchemaVersion)
            {
                errors.Error("schemaVersion", "schema_version",
                    "schemaVersion " + version + " is not supported by this firmware (supports " + GatewayConfig.SchemaVersion + ")",
                    "此固件不支持 schemaVersion " + version + "（支持 " + GatewayConfig.SchemaVersion + "）");
            }

            string siteId = null, siteName = null, gatewayId = null, gatewayName = null;
            JsonValue site = r.Object(root, "site", "", true);
            if (site != null)
            {
                r.RejectUnknown(site, "site", new[] { "id", "name" });
                siteId = r.Id(site, "id", "site");
                siteName = r.String(site, "name", "site", false, "");
            }
            JsonValue gw = r.Object(root, "gateway", "", true);
            if (gw != null)
            {
                r.RejectUnknown(gw, "gateway", new[] { "id", "name" });
                gatewayId = r.Id(gw, "id", "gateway");
                gatewayName = r.String(gw, "name", "gateway", false, "");
            }

            int mark = errors.Count;
            ChannelConfig[] channels = ChannelConfigReader.Read(r.Array(root, "channels", "", true), "channels", r);
            // Cross-checks only on a complete section: indices in paths must match the file.
            if (errors.ErrorsSince(mark) == 0) ChannelValidator.Validate(channels, "channels", errors);

            if (errors.HasErrors) return null;
            GatewayConfig config = new GatewayConfig(siteId, siteName, gatewayId, gatewayName, channels);
            config.Hash = HashHex(utf8, offset, length);
            return config;
        }

        public static string HashHex(byte[] data, int offset, int length)
        {
            Sha256 sha = new Sha256();
            sha.Update(data, offset, length);
            byte[] d = new byte[Sha256.DigestSize];
            sha.Final(d, 0);
            char[] c = new char[d.Length * 2];
            for (int i = 0; i < d.Length; i++)
            {
                c[i * 2] = Hex(d[i] >> 4);
                c[i * 2 + 1] = Hex(d[i] & 15);
            }
            return new string(c);
        }

        private static char Hex(int n)
        {
            return (char)(n < 10 ? '0' + n : 'a' + n - 10);
        }
    }
}
