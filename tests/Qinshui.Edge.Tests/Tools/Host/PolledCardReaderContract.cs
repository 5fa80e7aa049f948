using Qinshui.Edge.Host.Linux;

namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// What every card reader of the Linux host does through <see cref="PolledCardReader"/>, whatever
/// its chip: a tap once per card, a held card one tap, a card lifted for one poll no new tap, a
/// card back after it left a new tap, another card a new tap at once. Each chip's test class
/// derives from this with its emulator and adds what only that chip does.
/// </summary>
public abstract class PolledCardReaderContract
{
    protected static readonly byte[] Card4 = [0xDE, 0xAD, 0xBE, 0xEF];
    protected static readonly byte[] Card7 = [0x04, 0x52, 0x1A, 0xC2, 0x3F, 0x61, 0x80];

    /// <summary>A reader over an emulated chip, and how to put a card in its field (null: none).</summary>
    protected abstract (PolledCardReader Reader, Action<byte[]?> Present) OpenReader();

    protected static List<string> Taps(PolledCardReader reader)
    {
        var taps = new List<string>();
        while (reader.TryTakeTap(out var uid)) taps.Add(uid);
        return taps;
    }

    [Fact]
    public void CardTapped_IsReadOnce_AsUpperCaseHexUid()
    {
        var (reader, present) = OpenReader();
        using var _ = reader;
        reader.PollOnce();
        Assert.Empty(Taps(reader));

        present(Card4);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));
        Assert.Equal(0, reader.Errors);
    }

    [Fact]
    public void SevenByteUid_IsOneTap()
    {
        var (reader, present) = OpenReader();
        using var _ = reader;
        present(Card7);
        reader.PollOnce();
        Assert.Equal(["04521AC23F6180"], Taps(reader));
    }

    [Fact]
    public void CardHeldOnTheReader_IsOneTap_AndCountsAgainOnlyAfterItLeft()
    {
        var (reader, present) = OpenReader();
        using var _ = reader;
        present(Card4);
        for (int i = 0; i < 5; i++) reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));

        // One poll without it (a weak field at the edge) is not a departure.
        present(null);
        reader.PollOnce();
        present(Card4);
        reader.PollOnce();
        Assert.Empty(Taps(reader));

        present(null);
        for (int i = 0; i < PolledCardReader.ReleasePolls; i++) reader.PollOnce();
        present(Card4);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF"], Taps(reader));
    }

    [Fact]
    public void AnotherCard_IsANewTapAtOnce()
    {
        var (reader, present) = OpenReader();
        using var _ = reader;
        present(Card4);
        reader.PollOnce();
        present(Card7);
        reader.PollOnce();
        Assert.Equal(["DEADBEEF", "04521AC23F6180"], Taps(reader));
    }
}
