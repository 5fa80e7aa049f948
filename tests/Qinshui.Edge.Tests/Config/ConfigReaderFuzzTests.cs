using System.Diagnostics;
using System.Text;
using CsCheck;
using Qinshui.Edge.Core.Config;
using Qinshui.Edge.Core.Validation;
using Qinshui.Edge.Desktop.Config;
using Qinshui.Edge.Tests.Gateway;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Config;

/// <summary>
/// Issue 15 #6: the device's configuration reader and the desktop validator never throw and never
/// hang, whatever the bytes: every input ends in a configuration or in errors with paths. Inputs
/// are mutations of real configurations (hardware/examples, the test fixture): flipped and
/// inserted bytes, cuts, invalid UTF-8, values swapped for other JSON types, duplicated keys,
/// removed members. QEDGE_FUZZ_ITER sets the count (default 50,000 per reader and run; the 1M run
/// is in the note).
/// </summary>
public class ConfigReaderFuzzTests(ITestOutputHelper output)
{
    private static readonly byte[][] Seeds = LoadSeeds();

    private static readonly byte[][] Splices =
    [
        "null"u8.ToArray(), "[]"u8.ToArray(), "{}"u8.ToArray(), "\"\""u8.ToArray(), "1e999"u8.ToArray(), "-1"u8.ToArray(), "true"u8.ToArray(),
        "\"lab.2\""u8.ToArray(), "\"\\ud800\""u8.ToArray(), [0xC3, 0x28], [0xFF, 0xFE], "\"id\":\"x\",\"id\":\"y\","u8.ToArray(), "[[[[[[[[[["u8.ToArray(),
        "9223372036854775808"u8.ToArray(), "0.0000001"u8.ToArray(), "\"%vol\""u8.ToArray(), "\"ppm\""u8.ToArray(), "{\"value\":1,\"unit\":\"ppm\"}"u8.ToArray(),
    ];

    private static byte[][] LoadSeeds()
    {
        string root = AppContext.BaseDirectory;
        while (!Directory.Exists(Path.Combine(root, "hardware", "examples"))) root = Path.GetDirectoryName(root)!;
        return [.. Directory.GetFiles(Path.Combine(root, "hardware", "examples"), "*.json").Order().Select(File.ReadAllBytes),
            Encoding.UTF8.GetBytes(GatewayFixture.ConfigJson)];
    }

    private static int Iterations => int.TryParse(Environment.GetEnvironmentVariable("QEDGE_FUZZ_ITER"), out int n) && n > 0 ? n : 50_000;

    /// <summary>One to three edits of one seed.</summary>
    private static readonly Gen<byte[]> Inputs =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Select(Gen.Int[0, 6], Gen.Double[0, 1], Gen.Int[0, Splices.Length - 1], Gen.Byte.Array[1, 6]).Array[1, 3])
            .Select((seed, edits) =>
            {
                var b = new List<byte>(Seeds[seed]);
                foreach (var (kind, where, splice, bytes) in edits)
                {
                    int at = Math.Min(b.Count - 1, (int)(where * b.Count));
                    if (at < 0) break;
                    switch (kind)
                    {
                        case 0: b[at] ^= bytes[0]; break;
                        case 1: b.RemoveRange(at, b.Count - at); break;
                        case 2: b.InsertRange(at, bytes); break;
                        case 3: b.InsertRange(at, Splices[splice]); break;
                        case 4: ReplaceValue(b, at, Splices[splice]); break;
                        case 5: b.RemoveRange(at, Math.Min(b.Count - at, 1 + bytes[0] % 40)); break;
                        default: DuplicateMember(b, at); break;
                    }
                }
                return b.ToArray();
            });

    /// <summary>Replaces the value after the next ':' (up to the next ',' or '}') by another JSON text.</summary>
    private static void ReplaceValue(List<byte> b, int at, byte[] with)
    {
        int colon = b.IndexOf((byte)':', at);
        if (colon < 0) return;
        int end = colon + 1;
        while (end < b.Count && b[end] != ',' && b[end] != '}') end++;
        b.RemoveRange(colon + 1, end - colon - 1);
        b.InsertRange(colon + 1, with);
    }

    /// <summary>Copies the member that starts at the next '"' after a '{' or ',' in front of itself: a duplicate key.</summary>
    private static void DuplicateMember(List<byte> b, int at)
    {
        int start = b.FindIndex(at, c => c == '{' || c == ',');
        if (start < 0) return;
        int end = start + 1;
        int depth = 0;
        while (end < b.Count && (depth > 0 || (b[end] != ',' && b[end] != '}')))
        {
            if (b[end] == '{' || b[end] == '[') depth++;
            if (b[end] == '}' || b[end] == ']') depth--;
            end++;
        }
        var member = b.GetRange(start + 1, end - start - 1);
        b.InsertRange(start + 1, [.. member, (byte)',']);
    }

    private void Fuzz(string what, Action<byte[]> read)
    {
        long slowestTicks = 0;
        int n = 0;
        var clock = Stopwatch.StartNew();
        Inputs.Sample(input =>
        {
            long t0 = Stopwatch.GetTimestamp();
            var run = Task.Run(() => read(input));
            // A hang detector, not a speed limit: one configuration read taking 30 s is a hang.
            if (!run.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException($"{what} hangs on: {Encoding.UTF8.GetString(input)}");
            run.GetAwaiter().GetResult(); // rethrows what the reader threw: CsCheck shrinks and reports that input
            slowestTicks = Math.Max(slowestTicks, Stopwatch.GetTimestamp() - t0);
            Interlocked.Increment(ref n);
        }, iter: Iterations, threads: 1);
        output.WriteLine($"{what}: {n} inputs, 0 exceptions, 0 hangs, slowest {slowestTicks * 1000.0 / Stopwatch.Frequency:F1} ms, {clock.Elapsed.TotalSeconds:F0} s");
    }

    [Fact]
    public void TheDeviceReader_NeverThrows_AndExplainsEveryRefusalWithAPath()
    {
        Fuzz("GatewayConfigReader", input =>
        {
            var errors = new ValidationErrors();
            var config = GatewayConfigReader.Read(input, 0, input.Length, errors);
            if (config == null && !errors.HasErrors) throw new InvalidOperationException("refused without an error: " + Encoding.UTF8.GetString(input));
            for (int i = 0; i < errors.Count; i++)
            {
                if (errors[i].Path == null || errors[i].English.Length == 0 || errors[i].Chinese.Length == 0)
                    throw new InvalidOperationException("an error without path or text: " + errors[i]);
            }
        });
    }

    [Fact]
    public void TheDesktopValidator_NeverThrows_AndExplainsEveryRefusal()
    {
        Fuzz("ConfigFiles.LoadBytes", input =>
        {
            var loaded = ConfigFiles.LoadBytes("fuzz.json", input);
            if (loaded.Config == null && !loaded.Errors.HasErrors) throw new InvalidOperationException("refused without an error: " + Encoding.UTF8.GetString(input));
        });
    }
}
