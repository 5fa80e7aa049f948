using Qinshui.Edge.Core.Profiles;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Core.Config
{
    /// <summary>
    /// A confined space's combustible channels (GB 30871-2022 gas analysis during entry): each must
    /// name a channel that measures a combustible gas it can convert to %vol. A space without one
    /// is valid (not every space holds combustibles), but a confined-space permit naming a
    /// combustible gas is refused there (PermitBook: permit_combustible_gas_unmonitored).
    /// </summary>
    public static class ConfinedSpaceCombustibleCheck
    {
        public static void Check(GatewayConfig config, ConfinedSpaceSpec s, string path, ValidationErrors errors)
        {
            string[] ids = s.CombustibleChannelIds;
            string p = path + ".combustibleChannels";
            if (ids == null) return;
            for (int k = 0; k < ids.Length; k++)
            {
                if (ids[k] == null) continue;
                int c = config.IndexOfChannel(ids[k]);
                string pk = p + "[" + k + "]";
                if (c < 0)
                {
                    errors.Error(pk, "unknown_channel", "no channel '" + ids[k] + "'", "没有通道 '" + ids[k] + "'");
                    continue;
                }
                GasInfo gas = config.Channels[c].Gas == null ? null : GasTable.Find(config.Channels[c].Gas);
                if (!GasReadings.IsCombustibleChannel(config.Channels[c].Unit, gas))
                    errors.Error(pk, "not_combustible", "channel '" + ids[k] + "' does not measure a combustible gas in %LEL, %vol or ppm (set its gas)",
                        "通道 '" + ids[k] + "' 不是可燃气体通道（%LEL、%vol 或 ppm，需设置气体）");
            }
        }
    }
}
