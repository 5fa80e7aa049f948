using System.Text;
using Qinshui.Edge.Core.Device;

namespace Qinshui.Edge.Tests.Device;

public class BootRecordTests
{
    private static byte[] Serialise(BootRecord r)
    {
        var buf = new byte[BootRecord.MaxBytes];
        int n = r.Write(buf);
        return buf.Take(n).ToArray();
    }

    [Fact]
    public void Record_RoundTrips_WithTheEventHashAndEveryCounter()
    {
        var r = new BootRecord { BootCounter = 41, LastCommandCounter = 17, LastPermitCounter = 3, LastConfigCounter = 5 };
        var hash = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        Assert.True(r.Capture(17, 3, hash, hasEvents: true));
        var back = BootRecord.TryParse(Serialise(r))!;
        Assert.Equal(41, back.BootCounter);
        Assert.Equal(17, back.LastCommandCounter);
        Assert.Equal(3, back.LastPermitCounter);
        Assert.Equal(5, back.LastConfigCounter);
        Assert.Equal(hash, back.LastEventHash);
        Assert.Equal(1, back.Sequence);
    }

    [Fact]
    public void EachBoot_CountsOne_AndHandsTheRuntimeItsState()
    {
        var r = new BootRecord { BootCounter = 6, LastCommandCounter = 9, LastPermitCounter = 2 };
        var boot = r.Begin(new byte[16], "0.2.0");
        Assert.Equal(7, boot.BootCounter);
        Assert.Equal(7, r.BootCounter);
        Assert.Equal(9, boot.LastCommandCounter);
        Assert.Equal(2, boot.LastPermitCounter);
        Assert.Null(boot.LastEventHash);
    }

    [Fact]
    public void AlternateSlots_SurviveATornWrite_OfEitherSlot()
    {
        var slots = new byte[2][];
        var r = new BootRecord();
        for (int boot = 0; boot < 5; boot++)
        {
            r.Begin(new byte[16], "x");
            byte[] bytes = Serialise(r);
            slots[r.Slot] = bytes;
        }
        Assert.Equal(5, BootRecord.Newest(slots[0], slots[1], out bool fresh).BootCounter);
        Assert.False(fresh);

        // The sixth write is cut by a power loss: the slot it went to is torn, the other still holds boot 5.
        r.Begin(new byte[16], "x");
        byte[] sixth = Serialise(r);
        slots[r.Slot] = sixth.Take(sixth.Length - 9).ToArray();
        var after = BootRecord.Newest(slots[0], slots[1], out fresh);
        Assert.False(fresh);
        Assert.Equal(5, after.BootCounter);
        Assert.NotEqual(r.Slot, after.Slot);
    }

    [Fact]
    public void NoReadableSlot_IsAFreshRecord()
    {
        var r = BootRecord.Newest(null!, Encoding.UTF8.GetBytes("{\"seq\":1}"), out bool fresh);
        Assert.True(fresh);
        Assert.Equal(0, r.BootCounter);
        Assert.Null(BootRecord.TryParse(Encoding.UTF8.GetBytes("{\"seq\":1,\"boot\":1,\"command\":0,\"permit\":0,\"config\":0,\"lastEventHash\":\"abcd\"}")));
    }

    [Fact]
    public void Capture_ReportsChanges_AndNeverLowersACounter()
    {
        var r = new BootRecord { LastCommandCounter = 10, LastPermitCounter = 4 };
        Assert.False(r.Capture(10, 4, new byte[32], hasEvents: false));
        Assert.False(r.Capture(8, 1, null!, hasEvents: false));
        Assert.Equal(10, r.LastCommandCounter);
        Assert.True(r.Capture(11, 4, null!, hasEvents: false));
        var h = new byte[32];
        h[0] = 1;
        Assert.True(r.Capture(11, 4, h, hasEvents: true));
        Assert.False(r.Capture(11, 4, h, hasEvents: true));
    }
}
