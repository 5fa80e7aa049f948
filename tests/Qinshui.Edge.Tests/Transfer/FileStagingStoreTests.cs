using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Tests.Transfer;

/// <summary>qedge run's staging store: a file in the state directory, appended in order, deleted on discard.</summary>
public sealed class FileStagingStoreTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("qedge-staging-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void AppendedSlices_ReadBackInOrder_AndDiscardDeletesTheFile()
    {
        string path = Path.Combine(_dir, "config.staging");
        var store = new FileStagingStore(path, 100);
        Assert.True(store.Begin());
        Assert.True(store.Append([1, 2, 3, 4], 1, 3));
        Assert.True(store.Append([5, 6], 0, 2));
        var back = new byte[10];
        Assert.Equal(5, store.Read(0, back, 0, 10));
        Assert.Equal(new byte[] { 2, 3, 4, 5, 6 }, back[..5]);
        Assert.Equal(2, store.Read(3, back, 0, 10));
        Assert.Equal(0, store.Read(5, back, 0, 10));
        store.Discard();
        Assert.False(File.Exists(path));
        Assert.Equal(0, store.Read(0, back, 0, 10));
    }

    [Fact]
    public void BeginStartsEmpty_AndCapacityIsNeverExceeded()
    {
        string path = Path.Combine(_dir, "config.staging");
        var store = new FileStagingStore(path, 8);
        store.Begin();
        Assert.True(store.Append(new byte[6], 0, 6));
        Assert.False(store.Append(new byte[3], 0, 3));
        Assert.True(store.Begin());
        Assert.Equal(0, new FileInfo(path).Length);
        Assert.True(store.Append(new byte[8], 0, 8));
    }
}
