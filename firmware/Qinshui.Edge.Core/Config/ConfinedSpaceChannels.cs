namespace Qinshui.Edge.Core.Config
{
    /// <summary>Resolves a confined space's combustible channels for the runtime (start-up only).</summary>
    public static class ConfinedSpaceChannels
    {
        public static int[] Indices(GatewayConfig config, string[] ids)
        {
            if (ids == null) return new int[0];
            int[] r = new int[ids.Length];
            for (int k = 0; k < r.Length; k++) r[k] = config.IndexOfChannel(ids[k]);
            return r;
        }

        /// <summary>The zones of confined spaces that have at least one combustible channel.</summary>
        public static string[] MonitoredZones(ConfinedSpaceSpec[] spaces)
        {
            int n = 0;
            for (int i = 0; i < spaces.Length; i++)
            {
                if (spaces[i].CombustibleChannelIds != null && spaces[i].CombustibleChannelIds.Length > 0) n++;
            }
            string[] zones = new string[n];
            for (int i = 0, k = 0; i < spaces.Length; i++)
            {
                if (spaces[i].CombustibleChannelIds != null && spaces[i].CombustibleChannelIds.Length > 0) zones[k++] = spaces[i].ZoneId;
            }
            return zones;
        }
    }
}
