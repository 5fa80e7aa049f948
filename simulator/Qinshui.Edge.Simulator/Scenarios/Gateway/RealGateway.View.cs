using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Qinshui.Edge.Core.Alarms;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Domain;
using Qinshui.Edge.Core.Gateway;
using Qinshui.Edge.Core.Interlocks;
using Qinshui.Edge.Core.Ports;
using Qinshui.Edge.Simulator.Plant;

namespace Qinshui.Edge.Simulator.Scenarios.Gateway;

/// <summary>What the dashboard shows of the real gateway: channels, outputs, zones and welding stations, with the reasons behind them.</summary>
public sealed partial class RealGateway
{
    public void Describe(GatewayView view)
    {
        view.PoweredOn = _rt != null;
        if (view.Channels.Count == 0)
        {
            for (int i = 0; i < _config.Channels.Length; i++)
            {
                var c = _config.Channels[i];
                var cv = new ChannelView { Id = c.Id, Profile = c.ProfileId ?? "", Unit = c.Unit, SensorId = _sensorOfChannel[i] };
                foreach (var l in c.Levels)
                {
                    string name = LevelNames.Kind(l.Kind) + (l.Source == LevelSource.Instant ? "" : "_" + LevelNames.Source(l.Source));
                    cv.Levels.Add(new LevelView { Name = name, Threshold = l.Threshold, Restore = l.Restore, High = l.Direction == Direction.High });
                }
                view.Channels.Add(cv);
            }
            foreach (var o in _config.Interlocks.Outputs) view.Outputs.Add(new OutputView { Id = o.Id, RelayId = o.Id });
            foreach (var z in _config.Interlocks.Zones) view.Zones.Add(new ZoneView { Id = z.Id });
            foreach (var s in _config.Welding.Stations)
            {
                view.Welding.Add(new WeldingView { MachineId = s.Id });
                if (s.MachineDevice != null && s.MachineDevice != s.Id) view.Welding.Add(new WeldingView { MachineId = s.MachineDevice });
            }
        }
        var rt = _rt;
        for (int i = 0; i < _config.Channels.Length; i++)
        {
            var cv = view.Channels[i];
            if (rt == null)
            {
                cv.HasReading = false;
                cv.Quality = Quality.NoData;
                foreach (var l in cv.Levels)
                {
                    l.Status = "fault";
                    l.Tripping = true;
                }
                continue;
            }
            var alarms = rt.Alarms;
            cv.HasReading = alarms.HasReading(i);
            cv.Value = alarms.LastValue(i);
            cv.Quality = alarms.EffectiveQuality(i);
            for (int k = 0; k < alarms.LevelCount(i); k++)
            {
                cv.Levels[k].Status = LevelStatusNames.Name(alarms.Status(i, k));
                cv.Levels[k].Tripping = alarms.IsLevelTripping(i, k);
                cv.Levels[k].Latched = alarms.IsLatched(i, k);
            }
        }
        for (int o = 0; o < view.Outputs.Count; o++)
        {
            bool on = rt != null && rt.Zones.IsOutputEnergised(o);
            view.Outputs[o].Energised = on;
            view.Outputs[o].Reason = rt == null ? "power_off" : on ? "" : ReasonOfOutput(rt, view.Outputs[o].Id);
        }
        for (int z = 0; z < view.Zones.Count; z++)
        {
            if (rt == null)
            {
                view.Zones[z].State = "off";
                view.Zones[z].Reason = "power_off";
                continue;
            }
            view.Zones[z].State = ZoneStateName(rt.Zones, z);
            view.Zones[z].Reason = FirstCause(rt.Zones, z);
            view.Zones[z].ProofTestOverdue = rt.Zones.IsProofTestOverdue(z);
        }
        for (int i = 0, s = 0; s < _config.Welding.Stations.Length; s++)
        {
            var spec = _config.Welding.Stations[s];
            int n = spec.MachineDevice != null && spec.MachineDevice != spec.Id ? 2 : 1;
            var station = rt?.Stations[s];
            var machine = _ctx.Plant.WeldingMachines.FirstOrDefault(m => m.Id == spec.MachineDevice);
            bool enabled = _ctx.Plant.TryGetRelay(spec.EnableOutputId, out var relay) && relay.LoadPowered;
            for (int k = 0; k < n; k++, i++)
            {
                var w = view.Welding[i];
                w.State = station != null && station.IsRunning ? "unlocked" : "locked";
                w.Card = station?.IsRunning == true ? station.Session.WelderId ?? "" : "";
                w.Permit = station?.IsRunning == true ? station.Session.PermitId ?? "" : "";
                w.ArcCurrentAmps = machine?.ArcCurrentAmps(enabled) ?? 0;
            }
        }
        view.Link.Connected = _platform.Link.IsConnected && rt != null;
        view.Link.JournalDepth = rt == null ? 0 : rt.Journal.PendingData + rt.Journal.PendingPriority;
        view.Link.Published = _platform.Published;
        view.Link.Acknowledged = _platform.Acknowledged;
        view.Link.CountReceived(_platform.Inbox.Messages);
    }

    private static string ZoneStateName(ZoneEngine zones, int z)
    {
        if (zones.IsPermitted(z) && (zones.LiveMask(z) & Conditions.Bit(Qinshui.Edge.Core.Interlocks.ConditionKind.WorkNotAuthorised)) == 0) return "permitted";
        if (zones.IsLatched(z)) return "tripped";
        return "standby";
    }

    private static string FirstCause(ZoneEngine zones, int z)
    {
        if (zones.LiveCount(z) > 0) return Conditions.Code(zones.CauseKind(z, 0)) + ":" + zones.CauseSubject(z, 0);
        for (int k = 0; k < Conditions.Count; k++)
        {
            if ((zones.LatchedMask(z) & (1 << k)) != 0) return "latched:" + Conditions.Code((Qinshui.Edge.Core.Interlocks.ConditionKind)k);
        }
        return "";
    }

    private string ReasonOfOutput(GatewayRuntime rt, string outputId)
    {
        for (int z = 0; z < rt.Zones.ZoneCount; z++)
        {
            if (rt.Zones.Config(z).OutputIds.Contains(outputId)) return FirstCause(rt.Zones, z);
        }
        return "";
    }

    private static string ZoneResetName(ZoneResetOutcome o) => o switch
    {
        ZoneResetOutcome.Accepted => "accepted",
        ZoneResetOutcome.CausePersists => "refused: a cause persists",
        ZoneResetOutcome.SettleTimeRunning => "refused: causes cleared but not for the settle time yet",
        ZoneResetOutcome.NothingToReset => "nothing to reset",
        _ => "refused: " + o,
    };
}
