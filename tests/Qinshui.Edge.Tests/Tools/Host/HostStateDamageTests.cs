using System.Text;
using Qinshui.Edge.Host.Linux;
using Qinshui.Edge.Tests.Fakes;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>Issue 15 #2: a damaged state.json never stops the host; it starts from the previous good copy or safe defaults.</summary>
public class HostStateDamageTests
{
    private const string Path = "/s/state.json";
    private const long NowUtcMs = 1_795_000_000_000;
    private readonly CrashingStateFiles _files = new();

    private HostStateStore Store => new(_files, Path);

    private static byte[] Whole(long boot, long counter) => new HostState { BootCounter = boot, LastCommandCounter = counter, LastEventHash = new string('a', 64) }.ToJson();

    public static TheoryData<string> Damages => new()
    {
        "", "{", "[]", "null", "42", "{\"BootCounter\":\"x\"}", "{\"LastCommandCounter\":-5}", "{\"LastEventHash\":\"abc\"}",
        "\u0000\u0000\u0000", "{\"BootCounter\":1,\"BootCounter\":2", "{\"BootCounter\":1e999}",
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void ADamagedStateFile_StartsFromThePreviousGoodCopy(string damage)
    {
        _files.Put(Path, Encoding.UTF8.GetBytes(damage));
        _files.Put(Path + ".prev", Whole(6, 40));
        var s = Store.Load(out var recovery);
        Assert.Equal(StateRecovery.Previous, recovery);
        Assert.Equal(40, s.LastCommandCounter);
        s.RaiseFloorsAfterDamage(recovery, NowUtcMs);
        Assert.Equal(NowUtcMs, s.LastCommandCounter); // nothing signed before now is accepted
        Assert.Equal(7, s.BootCounter); // past the boot the lost save may have counted
    }

    [Fact]
    public void InvalidUtf8_IsDamage_NotAnException()
    {
        _files.Put(Path, [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x3A, 0x31, 0x7D]);
        Store.Load(out var recovery);
        Assert.Equal(StateRecovery.Defaults, recovery);
    }

    [Fact]
    public void WithNoUsableCopy_SafeDefaultsRefuseEveryCommandSignedBeforeNow()
    {
        _files.Put(Path, "garbage"u8.ToArray());
        var store = Store;
        var s = store.Load(out var recovery);
        Assert.Equal(StateRecovery.Defaults, recovery);
        Assert.Contains("damaged", store.Damage);
        s.RaiseFloorsAfterDamage(recovery, NowUtcMs);
        Assert.Equal(NowUtcMs, s.LastCommandCounter);
        Assert.Equal(NowUtcMs / 1000, s.BootCounter);
    }

    [Fact]
    public void NoStateAtAll_IsAFirstStart_NotDamage()
    {
        var s = Store.Load(out var recovery);
        Assert.Equal(StateRecovery.Fresh, recovery);
        s.RaiseFloorsAfterDamage(recovery, NowUtcMs);
        Assert.Equal(0, s.LastCommandCounter);
    }

    [Fact]
    public void ASave_KeepsThePreviousGoodCopy_AndNeverAWholeOneReplacedByDamage()
    {
        Store.Save(new HostState { BootCounter = 1, LastCommandCounter = 5 });
        Store.Save(new HostState { BootCounter = 1, LastCommandCounter = 9 });
        Assert.Equal(5, HostState.TryParse(_files.Get(Path + ".prev"))!.LastCommandCounter);
        _files.Put(Path, "{torn"u8.ToArray());
        Store.Save(new HostState { BootCounter = 1, LastCommandCounter = 11 });
        Assert.Equal(5, HostState.TryParse(_files.Get(Path + ".prev"))!.LastCommandCounter); // the damaged one did not become "previous"
        Assert.Equal(11, Store.Load(out _).LastCommandCounter);
    }

    [Fact]
    public void ASaveCutAtEveryStep_LeavesTheOldOrTheNewCounter_NeverLess()
    {
        for (int k = 0; ; k++)
        {
            var files = new CrashingStateFiles();
            var store = new HostStateStore(files, Path);
            store.Save(new HostState { LastCommandCounter = 5 });
            store.Save(new HostState { LastCommandCounter = 6 });
            files.Arm(k);
            try
            {
                store.Save(new HostState { LastCommandCounter = 7 });
                break;
            }
            catch (SimulatedCrashException)
            {
            }
            files.Restart();
            var s = new HostStateStore(files, Path).Load(out var recovery);
            Assert.Equal(StateRecovery.Current, recovery);
            Assert.InRange(s.LastCommandCounter, 6, 7);
        }
    }
}
