using Qinshui.Edge.Core.Welding;

namespace Qinshui.Edge.Tests.Welding;

/// <summary>Issue 13 #10: a machine whose identity changed stays locked until a safety officer clears it at the station.</summary>
public class ModifiedMachineTests
{
    [Fact]
    public void ChipSwappedMidSession_AndSwappedBack_StaysLocked_UntilASafetyOfficerClearsIt()
    {
        var h = new WeldingHarness().Ready();
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.True(h.Enable.Energised);
        h.Machine.Code = "QS-WM-0009";
        h.Run(1000);
        Assert.False(h.Enable.Energised);
        h.Machine.Code = "QS-WM-0001"; // the original chip is back
        h.Run(1000);
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.False(h.Enable.Energised);
        Assert.True(h.Station.MachineSuspected);
        Assert.Equal(WeldingReason.MachineLockedSuspectedModification, h.Events.LastRefusal);

        h.Cards.Tap("CARD-S"); // the safety officer inspects and clears it, at the station
        h.Run(1000);
        Assert.False(h.Station.MachineSuspected);
        Assert.True(h.Events.Has("warning machine_modification_cleared"));
        Assert.False(h.Enable.Energised); // clearing starts nothing
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.True(h.Enable.Energised);
    }

    [Fact]
    public void ChipSwappedWhileIdle_IsReported_AndLocksTheMachine()
    {
        var h = new WeldingHarness().Ready();
        h.Machine.Code = "QS-WM-0009";
        h.Run(1000);
        Assert.Equal(1, h.Events.Log.Count(l => l == "warning suspected_modified_machine"));
        h.Run(5000);
        Assert.Equal(1, h.Events.Log.Count(l => l == "warning suspected_modified_machine")); // once per suspicion
        h.Machine.Code = "QS-WM-0001";
        h.Run(1000);
        h.Cards.Tap("CARD-1");
        h.Run(1000);
        Assert.False(h.Enable.Energised);
        Assert.Equal(WeldingReason.MachineLockedSuspectedModification, h.Events.LastRefusal);
    }

    [Fact]
    public void AnOrdinaryWelder_CannotClear_AndNobodyClearsWhileTheWrongCodeShows()
    {
        var h = new WeldingHarness().Ready();
        h.Machine.Code = "QS-WM-0009";
        h.Run(1000);
        h.Cards.Tap("CARD-S");
        h.Run(1000);
        Assert.True(h.Station.MachineSuspected);
        Assert.Equal(WeldingReason.MachineIdentityChanged, h.Events.LastRefusal);
        h.Machine.Code = "QS-WM-0001";
        h.Cards.Tap("CARD-2");
        h.Run(1000);
        Assert.True(h.Station.MachineSuspected);
        Assert.False(h.Events.Has("warning machine_modification_cleared"));
    }

    [Fact]
    public void WithoutAnExpectedCode_ACodeChangeWhileIdle_IsASuspicionToo()
    {
        var h = new WeldingHarness();
        h.Machine.Code = "QS-WM-0001";
        var station = new WeldingStation(new WeldingStationConfig("st-2", WeldingHarness.Zone, "", new[] { 0 }, 60_000, 5.0),
            h.Machine, h.Enable, h.Cards, h.Registry, h.Permits, h.Alarms, h.Zones, h.Clock, h.Events, Array.Empty<SpecialPeriod>());
        station.Step();
        h.Machine.Code = "QS-WM-0009";
        station.Step();
        h.Machine.Code = "QS-WM-0001";
        station.Step();
        Assert.True(station.MachineSuspected);
        Assert.True(h.Events.Has("warning suspected_modified_machine"));
    }

    [Fact]
    public void RegistryRole_SafetyOfficer_IsRead_AndAnUnknownRoleIsAnError()
    {
        var ok = Parse("{\"welders\":[{\"id\":\"S1\",\"card\":\"C\",\"name\":\"n\",\"certificate\":\"c\",\"certificateExpiryUtcMs\":1,\"role\":\"safety_officer\"}],\"machines\":[]}");
        Assert.True(WeldingRegistry.TryRead(ok, out var welders, out _, out _));
        Assert.True(welders[0].IsSafetyOfficer);
        var bad = Parse("{\"welders\":[{\"id\":\"S1\",\"card\":\"C\",\"name\":\"n\",\"certificate\":\"c\",\"certificateExpiryUtcMs\":1,\"role\":\"boss\"}],\"machines\":[]}");
        Assert.False(WeldingRegistry.TryRead(bad, out _, out _, out var error));
        Assert.Contains("welders[0].role", error);
    }

    private static Qinshui.Edge.Core.Json.JsonValue Parse(string json)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        Assert.True(Qinshui.Edge.Core.Json.JsonParser.TryParse(bytes, 0, bytes.Length, out var v, out _));
        return v;
    }
}
