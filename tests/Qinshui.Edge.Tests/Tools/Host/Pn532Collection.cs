namespace Qinshui.Edge.Tests.Tools.Host;

/// <summary>
/// The PN532 tests run alone: over HSU the binding gives the chip ~89 ms per answer (and 5 ms after
/// its wake-up), and the emulator on the far pty is a thread that the rest of the suite, run in
/// parallel on two cores, can starve past that.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class Pn532Collection
{
    public const string Name = "PN532 (HSU timing)";
}
