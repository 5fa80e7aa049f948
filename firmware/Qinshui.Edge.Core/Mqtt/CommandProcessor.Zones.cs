namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>The two zone commands: one argument check, one handler check, then the engine decides.</summary>
    public sealed partial class CommandProcessor
    {
        private void ZoneCommand(string cmd, Json.JsonValue args, CommandResult result)
        {
            string zone;
            if (args == null || !args.TryGetString("zone", out zone))
            {
                result.Refuse(CommandReasons.BadArguments);
                return;
            }
            if (_zones == null)
            {
                result.Refuse(CommandReasons.NotSupported);
                return;
            }
            if (cmd == "trip_zone")
            {
                string reason;
                if (!args.TryGetString("reason", out reason)) reason = "remote trip";
                ZoneOutcome(_zones.RequestTrip(zone, reason), "zone tripped", "区域已停机", result);
                return;
            }
            // A reset request only: the engine grants it where configured and once the cause cleared.
            ZoneOutcome(_zones.RequestRemoteReset(zone), "zone reset accepted", "区域复位已接受", result);
        }
    }
}
