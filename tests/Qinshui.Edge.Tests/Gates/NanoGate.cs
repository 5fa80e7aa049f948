using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Qinshui.Edge.NanoRules;

namespace Qinshui.Edge.Tests.Gates;

/// <summary>
/// Runs the two gates of Qinshui.Edge.Core.NanoCheck in-process: compile against nanoFramework's
/// mscorlib 1.17.11 (gate 1), then the NanoRules and BannedApi analyzers (gate 2). Unlike csc,
/// this reports analyzer findings even when the code does not compile, so a snippet shows both.
/// </summary>
internal static class NanoGate
{
    private static readonly string NanoDir = Path.Combine(AppContext.BaseDirectory, "nano");

    public static string RepoRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "Qinshui.Edge.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("Qinshui.Edge.sln not found above " + AppContext.BaseDirectory);
        }
    }

    public static IReadOnlyList<Diagnostic> Check(params (string path, string source)[] files)
    {
        var parse = new CSharpParseOptions(LanguageVersion.CSharp9, preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" });
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(SourceText.From(f.source, System.Text.Encoding.UTF8), parse, f.path)).ToArray();
        var mscorlib = MetadataReference.CreateFromFile(Path.Combine(NanoDir, "mscorlib.dll"));
        var compilation = CSharpCompilation.Create("NanoGateProbe", trees, new[] { mscorlib },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));

        var analyzers = new List<DiagnosticAnalyzer> { new NanoRulesAnalyzer() };
        foreach (var dll in Directory.GetFiles(Path.Combine(NanoDir, "banned"), "*.dll"))
        {
            var reference = new AnalyzerFileReference(dll, AssemblyLoader.Instance);
            analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
        }
        var banned = new InMemoryAdditionalText(Path.Combine(NanoDir, "BannedSymbols.txt"), File.ReadAllText(Path.Combine(NanoDir, "BannedSymbols.txt")));
        var options = new AnalyzerOptions(ImmutableArray.Create<AdditionalText>(banned));
        var withAnalyzers = compilation.WithAnalyzers(analyzers.ToImmutableArray(), options);

        var compile = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error);
        var analysis = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        return compile.Concat(analysis.Where(d => d.Severity >= DiagnosticSeverity.Warning)).ToList();
    }

    public static IReadOnlyList<Diagnostic> CheckSnippet(string source) => Check(("Snippet.cs", source));

    public static IReadOnlyList<Diagnostic> CheckCore()
    {
        string coreDir = Path.Combine(RepoRoot, "firmware", "Qinshui.Edge.Core");
        var files = Directory.GetFiles(coreDir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar))
            .Select(f => (f, File.ReadAllText(f))).ToArray();
        return Check(files);
    }

    private sealed class InMemoryAdditionalText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;
        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class AssemblyLoader : IAnalyzerAssemblyLoader
    {
        public static readonly AssemblyLoader Instance = new();
        public void AddDependencyLocation(string fullPath) { }
        public System.Reflection.Assembly LoadFromPath(string fullPath) => System.Reflection.Assembly.LoadFrom(fullPath);
    }
}
