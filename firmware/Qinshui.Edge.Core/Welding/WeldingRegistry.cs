using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// Registered welders (card → certificate) and machines (code → model, zone). From the
    /// configuration, or replaced whole by a signed "registry" envelope from the platform.
    /// </summary>
    public sealed class WeldingRegistry
    {
        public WeldingRegistry(WelderRecord[] welders, MachineRecord[] machines)
        {
            Welders = welders;
            Machines = machines;
        }

        public WelderRecord[] Welders { get; private set; }
        public MachineRecord[] Machines { get; private set; }
        public long LastCounter { get; set; }

        public WelderRecord FindCard(string cardUid)
        {
            for (int i = 0; i < Welders.Length; i++)
            {
                if (Welders[i].CardUid == cardUid) return Welders[i];
            }
            return null;
        }

        public WelderRecord FindWelder(string welderId)
        {
            for (int i = 0; i < Welders.Length; i++)
            {
                if (Welders[i].WelderId == welderId) return Welders[i];
            }
            return null;
        }

        public MachineRecord FindMachine(string code)
        {
            for (int i = 0; i < Machines.Length; i++)
            {
                if (Machines[i].Code == code) return Machines[i];
            }
            return null;
        }

        /// <summary>Applies a signed registry update; all or nothing.</summary>
        public EnvelopeOutcome ApplySigned(byte[] envelope, int offset, int length, string gatewayId, byte[] key, out string error)
        {
            error = null;
            JsonValue root;
            if (length > SignedEnvelope.MaxEnvelopeBytes || !JsonParser.TryParse(envelope, offset, length, 4, out root, out error)) return EnvelopeOutcome.Malformed;
            return ApplySigned(root, gatewayId, key, out error);
        }

        public EnvelopeOutcome ApplySigned(JsonValue envelope, string gatewayId, byte[] key, out string error)
        {
            error = null;
            byte[] body;
            long counter, issued;
            EnvelopeOutcome o = SignedEnvelope.Open(envelope, "registry", gatewayId, key, LastCounter, out body, out counter, out issued);
            if (o != EnvelopeOutcome.Accepted) return o;
            JsonValue v;
            if (!JsonParser.TryParse(body, 0, body.Length, 8, out v, out error)) return EnvelopeOutcome.Malformed;
            WelderRecord[] welders;
            MachineRecord[] machines;
            if (!TryRead(v, out welders, out machines, out error)) return EnvelopeOutcome.Malformed;
            Welders = welders;
            Machines = machines;
            LastCounter = counter;
            return EnvelopeOutcome.Accepted;
        }

        /// <summary>Reads {"welders":[{id,card,name,certificate,certificateExpiryUtcMs,role?}],"machines":[{code,model,zone}]}.</summary>
        public static bool TryRead(JsonValue v, out WelderRecord[] welders, out MachineRecord[] machines, out string error)
        {
            welders = null;
            machines = null;
            error = null;
            if (v == null || !v.IsObject)
            {
                error = "registry must be an object";
                return false;
            }
            JsonValue w = v.Get("welders");
            JsonValue m = v.Get("machines");
            if (w == null || !w.IsArray || m == null || !m.IsArray)
            {
                error = "registry needs \"welders\" and \"machines\" arrays";
                return false;
            }
            welders = new WelderRecord[w.Count];
            for (int i = 0; i < w.Count; i++)
            {
                string id, card, name, cert;
                long expiry;
                JsonValue e = w[i];
                if (e == null || !e.IsObject || !e.TryGetString("id", out id) || !e.TryGetString("card", out card)
                    || !e.TryGetString("name", out name) || !e.TryGetString("certificate", out cert)
                    || !e.TryGetLong("certificateExpiryUtcMs", out expiry))
                {
                    error = "welders[" + i + "]: needs id, card, name, certificate, certificateExpiryUtcMs";
                    return false;
                }
                for (int k = 0; k < i; k++)
                {
                    if (welders[k].CardUid == card || welders[k].WelderId == id)
                    {
                        error = "welders[" + i + "]: id or card already used by welders[" + k + "]";
                        return false;
                    }
                }
                string role;
                if (!e.TryGetString("role", out role)) role = "welder";
                if (role != "welder" && role != "safety_officer")
                {
                    error = "welders[" + i + "].role: '" + role + "' is not a role (welder, safety_officer)";
                    return false;
                }
                welders[i] = new WelderRecord(id, card, name, cert, expiry, role == "safety_officer");
            }
            machines = new MachineRecord[m.Count];
            for (int i = 0; i < m.Count; i++)
            {
                string code, model, zone;
                JsonValue e = m[i];
                if (e == null || !e.IsObject || !e.TryGetString("code", out code) || !e.TryGetString("model", out model) || !e.TryGetString("zone", out zone))
                {
                    error = "machines[" + i + "]: needs code, model, zone";
                    return false;
                }
                for (int k = 0; k < i; k++)
                {
                    if (machines[k].Code == code)
                    {
                        error = "machines[" + i + "]: code already used by machines[" + k + "]";
                        return false;
                    }
                }
                machines[i] = new MachineRecord(code, model, zone);
            }
            return true;
        }
    }
}
