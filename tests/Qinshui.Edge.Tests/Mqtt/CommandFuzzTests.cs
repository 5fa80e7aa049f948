using System.Diagnostics;
using System.Text;
using Qinshui.Edge.Core.Crypto;
using Qinshui.Edge.Core.Mqtt;
using Qinshui.Edge.Desktop.Mqtt;

namespace Qinshui.Edge.Tests.Mqtt;

/// <summary>
/// ≥ 1,000,000 inputs through the command processor: random bytes, mutations of valid signed
/// commands (bit flips, truncation, splices) and mutated bodies signed again with the right key
/// (so the strict parser and the dispatch are reached, not only the MAC check). Every input must
/// end accepted or refused with a known reason and text; nothing may throw, and the processor's
/// own catch-all must never fire. Bounded: stops at 1,000,000 inputs (or fails if 120 s pass first).
/// </summary>
public class CommandFuzzTests
{
    [Fact]
    public void AMillionInputs_EachAcceptedOrRefusedWithAReason()
    {
        var g = new GatewayHarness();
        // The platform's SHA-256 behind the port (as on the desktop): the portable one is checked against it elsewhere.
        var processor = new CommandProcessor("gw-01", new HmacSha256(CommandSigner.Key, new PlatformSha256(), new PlatformSha256()),
            g.Clock, g.Engine, g.Zones, g.Updates, new FakeClockAdjuster(g.Clock), 0);
        var rng = new Random(5);
        var seeds = new[]
        {
            CommandSigner.Body("trip_zone", "{\"zone\":\"z1\"}", 1, g.Exp()),
            CommandSigner.Body("reset_zone", "{\"zone\":\"z1\"}", 1, g.Exp()),
            CommandSigner.Body("inhibit", "{\"channel\":\"ch2\",\"duration_s\":30}", 1, g.Exp()),
            CommandSigner.Body("set_time", "{\"utc_ms\":1790000000000}", 1, g.Exp()),
            CommandSigner.Body("update_config", "{\"config\":{\"a\":[1,2,{\"b\":null}]}}", 1, g.Exp()),
            CommandSigner.Body("rebirth", "{}", 1, g.Exp()),
        }.Select(s => CommandSigner.Sign(s)).ToArray();
        var codes = new HashSet<string>();
        for (int i = 0; i < CommandReasons.Count; i++) codes.Add(CommandReasons.CodeAt(i));
        codes.Add("permit_invalid");
        var seen = new Dictionary<string, int>();
        var result = new CommandResult();
        var sw = Stopwatch.StartNew();
        const int target = 1_000_000;
        int n = 0;
        long ctr = 1_000;
        for (; n < target && sw.Elapsed < TimeSpan.FromSeconds(120); n++)
        {
            byte[] input;
            int kind = n % 100;
            if (kind < 20)
            {
                input = new byte[rng.Next(0, 300)];
                rng.NextBytes(input);
            }
            else if (kind < 97)
            {
                input = Mutate(seeds[rng.Next(seeds.Length)], rng);
            }
            else
            {
                // Re-signed mutation: authentic but arbitrary content (also fresh counters now and then).
                var body = seeds[rng.Next(seeds.Length)];
                var signed = Mutate(body.AsSpan(0, body.Length - CommandProcessor.MacSuffixLength).ToArray(), rng);
                if (rng.Next(4) == 0)
                {
                    string s = Encoding.UTF8.GetString(signed).Replace("\"ctr\":1,", "\"ctr\":" + (++ctr) + ",");
                    signed = Encoding.UTF8.GetBytes(s);
                }
                input = CommandSigner.SignBytes(signed);
            }
            processor.Handle(input, input.Length, result);
            // Plain checks in the loop (xunit asserts per case would dominate the run time).
            if (result.Code == null || !codes.Contains(result.Code) || string.IsNullOrEmpty(result.English)
                || string.IsNullOrEmpty(result.Chinese) || result.Code == CommandReasons.Refused)
            {
                Assert.Fail($"input {n} ({Convert.ToHexString(input)}): code {result.Code ?? "null"} — the catch-all fired or a reason is missing");
            }
            ref int count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(seen, result.Code!, out _);
            count++;
        }
        Assert.Equal(target, n);
        // The fuzzer reached past the MAC check into parsing and dispatch.
        Assert.True(seen.GetValueOrDefault(CommandReasons.Malformed) > 0);
        Assert.True(seen.GetValueOrDefault(CommandReasons.Unauthenticated) > 0);
        Assert.True(seen.Keys.Count >= 5, string.Join(",", seen.Keys));
    }

    private static readonly byte[] Alphabet = Encoding.UTF8.GetBytes("{}[]\":,\\0123456789e-.tfnul\u00e4\u4e2d");

    private static byte[] Mutate(byte[] src, Random rng)
    {
        var b = new List<byte>(src.Length + 4);
        b.AddRange(src);
        int edits = rng.Next(1, 4);
        for (int e = 0; e < edits && b.Count > 0; e++)
        {
            switch (rng.Next(5))
            {
                case 0: b[rng.Next(b.Count)] ^= (byte)(1 << rng.Next(8)); break;
                case 1:
                    int at = rng.Next(b.Count);
                    b.RemoveRange(at, Math.Min(b.Count - at, rng.Next(1, 8)));
                    break;
                case 2: b.Insert(rng.Next(b.Count + 1), Alphabet[rng.Next(Alphabet.Length)]); break;
                case 3: b.RemoveRange(rng.Next(b.Count), 1); break;
                default:
                    int cut = rng.Next(b.Count);
                    b.RemoveRange(cut, b.Count - cut);
                    break;
            }
        }
        return b.ToArray();
    }
}
