using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Json;

namespace Qinshui.Edge.Core.Mqtt
{
    /// <summary>
    /// The authenticated "proof_test" command (docs/mqtt.md, "Commands"): args {"zone": id}.
    /// Reaches here only after the command processor checked MAC, gateway, counter and expiry.
    /// The reply says whether the test started; its result is a chained event.
    /// </summary>
    public static class ProofTestCommand
    {
        public const string Name = "proof_test";

        public static void Execute(IProofTestCommands tests, JsonValue args, CommandResult result)
        {
            string zone;
            if (args == null || !args.TryGetString("zone", out zone))
            {
                result.Refuse(CommandReasons.BadArguments);
                return;
            }
            if (tests == null)
            {
                result.Refuse(CommandReasons.NotSupported);
                return;
            }
            ProofTestOutcome o = tests.RequestProofTest(zone);
            if (o == ProofTestOutcome.Accepted)
            {
                result.Accept("proof test started: the zone is cut; the result follows as an event; reset at the gateway afterwards",
                    "联锁试验已开始：区域已断电，结果以事件上报；试验后须在网关处就地复位");
                return;
            }
            result.Refuse(ZoneOutcomeText.Code(o), ZoneOutcomeText.English(o), ZoneOutcomeText.Chinese(o));
        }
    }
}
