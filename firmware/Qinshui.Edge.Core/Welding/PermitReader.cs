using Qinshui.Edge.Core.Json;
using Qinshui.Edge.Core.Profiles;

namespace Qinshui.Edge.Core.Welding
{
    /// <summary>
    /// Reads a permit body (the JSON inside a signed "permit" envelope). The combustible limit
    /// defaults to GB 30871-2022 (0.5 %vol where the gas's LEL ≥ 4 %, 0.2 %vol below) or, for
    /// underground hot work, 0.5 %CH4 (煤矿安全规程); a permit may be stricter, never looser.
    /// </summary>
    public static class PermitReader
    {
        public static Permit Read(JsonValue v, out WeldingReason reason, out bool cancelled)
        {
            reason = WeldingReason.PermitMalformed;
            cancelled = false;
            if (v == null || !v.IsObject) return null;
            string id, kindText, zone;
            if (!v.TryGetString("permitId", out id) || id.Length == 0 || !v.TryGetString("kind", out kindText) || !v.TryGetString("zone", out zone))
                return null;
            bool c;
            if (v.TryGetBool("cancelled", out c) && c)
            {
                cancelled = true;
                reason = WeldingReason.None;
                return new Permit(id, PermitKind.HotWork, "", zone, new string[0], new string[0], new string[0], "", 0, 0, 0, "", 0, false, false);
            }
            PermitKind kind;
            if (kindText == "hot_work") kind = PermitKind.HotWork;
            else if (kindText == "confined_space") kind = PermitKind.ConfinedSpace;
            else return null;
            long from, to, analysis;
            if (!v.TryGetLong("validFromUtcMs", out from) || !v.TryGetLong("validToUtcMs", out to) || to <= from) return null;
            if (!v.TryGetLong("gasAnalysisUtcMs", out analysis)) analysis = 0;
            string grade;
            if (!v.TryGetString("grade", out grade)) grade = "";
            string[] machines = Strings(v.Get("machines"));
            string[] welders = Strings(v.Get("welders"));
            string[] entrants = Strings(v.Get("entrants"));
            if (machines == null || welders == null || entrants == null) return null;
            string attendant;
            if (!v.TryGetString("attendant", out attendant)) attendant = "";
            bool mine, enriched;
            if (!v.TryGetBool("mine", out mine)) mine = false;
            if (!v.TryGetBool("oxygenEnriched", out enriched)) enriched = false;
            string gasCode;
            if (!v.TryGetString("combustibleGas", out gasCode)) gasCode = mine ? "CH4" : "";
            double standardLimit = 0;
            if (gasCode.Length > 0)
            {
                GasInfo gas = GasTable.Find(gasCode);
                if (gas == null || !gas.IsCombustible) return null;
                standardLimit = mine ? 0.5 : kind == PermitKind.ConfinedSpace ? ConfinedSpaceGasRule.LimitPercentVolume(gas) : GasTable.HotWorkLimitPercentVolume(gas);
            }
            double limit = standardLimit;
            double given;
            if (v.TryGetNumber("combustibleLimitPercentVolume", out given))
            {
                if (given > standardLimit || given < 0)
                {
                    reason = WeldingReason.PermitLooserThanStandard;
                    return null;
                }
                limit = given;
            }
            if (kind == PermitKind.HotWork && (machines.Length == 0 || welders.Length == 0)) return null;
            if (kind == PermitKind.ConfinedSpace && (entrants.Length == 0 || attendant.Length == 0)) return null;
            reason = WeldingReason.None;
            return new Permit(id, kind, grade, zone, machines, welders, entrants, attendant, from, to, analysis, gasCode, limit, enriched, mine);
        }

        private static string[] Strings(JsonValue list)
        {
            if (list == null) return new string[0];
            if (!list.IsArray) return null;
            string[] s = new string[list.Count];
            for (int i = 0; i < s.Length; i++)
            {
                if (list[i].Kind != JsonKind.String) return null;
                s[i] = list[i].Text;
            }
            return s;
        }
    }
}
