using Microsoft.CodeAnalysis;

namespace Qinshui.Edge.Tests.Gates;

/// <summary>Both gates of the core bite, with messages that say what nanoFramework lacks.</summary>
public class NanoGateTests
{
    private static string Wrap(string members, string usings = "") =>
        usings + "\nnamespace Qinshui.Edge.Core.Probe\n{\n    public class Probe\n    {\n" + members + "\n    }\n}\n";

    private static string Describe(IEnumerable<Diagnostic> ds) => string.Join("\n", ds.Select(d => d.Id + ": " + d.GetMessage()));

    [Fact]
    public void TheWholeCore_PassesBothGates()
    {
        var diagnostics = NanoGate.CheckCore();
        Assert.True(diagnostics.Count == 0, Describe(diagnostics));
    }

    [Fact]
    public void CleanSnippet_PassesBothGates()
    {
        var d = NanoGate.CheckSnippet(Wrap("public System.Collections.ArrayList Items = new System.Collections.ArrayList();\npublic int Count() { return Items.Count; }"));
        Assert.True(d.Count == 0, Describe(d));
    }

    [Fact]
    public void Gate1_ListOfInt_DoesNotExistInNanoMscorlib_AndGate2SaysGenerics()
    {
        var d = NanoGate.CheckSnippet(Wrap("public System.Collections.Generic.List<int> Items;"));
        Assert.Contains(d, x => x.Id == "CS0234" && x.GetMessage().Contains("Generic"));
        var qe = Assert.Single(d, x => x.Id == "QE0002");
        Assert.Contains("nanoFramework 1.x has no generics", qe.GetMessage());
    }

    [Theory]
    [InlineData("public class Box<T> { public T Value; }", "QE0001", "has no generics")]
    [InlineData("public static T Pick<T>(T a) { return a; }", "QE0001", "has no generics")]
    [InlineData("public delegate T Maker<T>();", "QE0001", "has no generics")]
    [InlineData("public static T Pick<T>(T a) { return a; } public int Use() { return Pick(3); }", "QE0002", "type arguments inferred")]
    [InlineData("public System.Collections.IEnumerable Items() { yield return 1; }", "QE0004", "iterators (yield) are not supported")]
    [InlineData("public int? Maybe;", "QE0009", "nullable value types are not supported")]
    [InlineData("public decimal Money;", "QE0010", "decimal is not supported")]
    [InlineData("public double M() { return 1.5m > 0 ? 1 : 0; }", "QE0010", "decimal is not supported")]
    [InlineData("public (int a, int b) Pair;", "QE0007", "tuples are not supported")]
    [InlineData("public dynamic D;", "QE0008", "dynamic is not supported")]
    [InlineData("public int X { get; init; }", "QE0011", "IsExternalInit")]
    [InlineData("public int M(int n) { int record = n + 1; return record; }", "QE0012", "reads as the C# 9 record keyword")]
    public void Gate2_RejectsWhatNanoFrameworkCannotRun(string members, string id, string message)
    {
        var d = NanoGate.CheckSnippet(Wrap(members));
        var hit = d.FirstOrDefault(x => x.Id == id);
        Assert.True(hit != null, $"expected {id}, got:\n{Describe(d)}");
        Assert.Contains(message, hit!.GetMessage());
    }

    [Fact]
    public void Gate2_RejectsRecords()
    {
        var d = NanoGate.CheckSnippet("namespace P { public record Point(int X, int Y); }");
        Assert.Contains(d, x => x.Id == "QE0006" && x.GetMessage().Contains("records are not supported"));
    }

    [Fact]
    public void Gate2_RejectsAsyncAwait()
    {
        var d = NanoGate.CheckSnippet(Wrap("public async void Run() { await System.Threading.Tasks.Task.Delay(1); }", "using System.Threading.Tasks;"));
        Assert.Contains(d, x => x.Id == "QE0003" && x.GetMessage().Contains("async/await is not supported"));
    }

    [Fact]
    public void Gate2_RejectsLinq()
    {
        var d = NanoGate.CheckSnippet(Wrap("public int[] A; public object Q() { return from x in A select x; }", "using System.Linq;"));
        Assert.Contains(d, x => x.Id == "QE0005" && x.GetMessage().Contains("LINQ is not available"));
    }

    [Theory]
    [InlineData("public System.DateTime Now() { return System.DateTime.UtcNow; }", "DateTime.UtcNow", "IClock port")]
    [InlineData("public void Wait() { System.Threading.Thread.Sleep(10); }", "Thread.Sleep", "never blocks")]
    public void Gate2_BansSystemClockAndSleepInTheCore(string members, string symbol, string message)
    {
        var d = NanoGate.CheckSnippet(Wrap(members));
        Assert.Contains(d, x => x.Id == "RS0030" && x.GetMessage().Contains(symbol) && x.GetMessage().Contains(message));
    }

    [Fact]
    public void Gate1_RejectsApisAbsentFromNanoMscorlib()
    {
        // Math and StringBuilder live outside nanoFramework's mscorlib.
        var d = NanoGate.CheckSnippet(Wrap("public double R(double x) { return System.Math.Round(x); }\npublic object S() { return new System.Text.StringBuilder(); }"));
        Assert.Contains(d, x => x.Id == "CS0234" && x.GetMessage().Contains("Math"));
        Assert.Contains(d, x => x.Id == "CS0234" && x.GetMessage().Contains("'Text'"));
    }

    [Fact]
    public void Build_FailsWhenAGenericClassIsAddedToACoreFile()
    {
        // The same check the build runs, applied to the real core plus one bad file.
        string coreDir = Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Core");
        var files = Directory.GetFiles(coreDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/")).Select(f => (f, File.ReadAllText(f))).ToList();
        files.Add(("firmware/Qinshui.Edge.Core/Alarms/Sneaky.cs", "namespace Qinshui.Edge.Core.Alarms { public sealed class Cache<T> { } }"));
        var d = NanoGate.Check(files.ToArray());
        var hit = Assert.Single(d);
        Assert.Equal("QE0001", hit.Id);
        Assert.EndsWith("Sneaky.cs", hit.Location.SourceTree!.FilePath);
    }
}
