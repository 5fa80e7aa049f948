using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Qinshui.Edge.Tests.Gates;

namespace Qinshui.Edge.Tests.Firmware;

/// <summary>
/// Compiles, in-process with Roslyn, what the Windows build compiles: the nanoFramework API stubs
/// (firmware/NanoStubs) into an assembly image, then the firmware app (firmware/Qinshui.Edge.Firmware)
/// and the shared core against that image and nanoFramework's mscorlib 1.17.11. Runs inside
/// `dotnet test Qinshui.Edge.sln`, so a firmware file that does not compile fails the test command.
/// </summary>
internal static class FirmwareCompiler
{
    private static readonly string Mscorlib = Path.Combine(AppContext.BaseDirectory, "nano", "mscorlib.dll");
    private static readonly CSharpParseOptions Parse = new(LanguageVersion.CSharp9, preprocessorSymbols: new[] { "NANOFRAMEWORK_1_0" });
    private static readonly Lazy<(byte[] image, IReadOnlyList<Diagnostic> errors)> StubImage = new(EmitStubs);

    public static string StubsDir => Path.Combine(NanoGate.RepoRoot, "firmware", "NanoStubs");
    public static string AppDir => Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Firmware");

    /// <summary>The stub assembly as built (metadata), for the surface test.</summary>
    public static IAssemblySymbol StubAssembly()
    {
        var (image, errors) = StubImage.Value;
        Assert.Empty(errors);
        var reference = MetadataReference.CreateFromImage(image);
        var probe = CSharpCompilation.Create("StubProbe", Array.Empty<SyntaxTree>(),
            new[] { MetadataReference.CreateFromFile(Mscorlib), reference });
        return (IAssemblySymbol)probe.GetAssemblyOrModuleSymbol(reference)!;
    }

    /// <summary>Errors of the firmware app + core against the stubs; <paramref name="replace"/> swaps one file's text.</summary>
    public static IReadOnlyList<Diagnostic> CompileApp(Func<string, string, string>? replace = null)
    {
        var (image, stubErrors) = StubImage.Value;
        Assert.Empty(stubErrors);
        string coreDir = Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Core");
        var files = SourceFiles(AppDir).Concat(SourceFiles(coreDir));
        var trees = files.Select(f =>
        {
            string text = File.ReadAllText(f);
            if (replace != null) text = replace(Path.GetRelativePath(NanoGate.RepoRoot, f).Replace('\\', '/'), text);
            return CSharpSyntaxTree.ParseText(SourceText.From(text, System.Text.Encoding.UTF8), Parse, f);
        });
        var compilation = CSharpCompilation.Create("Qinshui.Edge.Firmware", trees,
            new[] { MetadataReference.CreateFromFile(Mscorlib), MetadataReference.CreateFromImage(image) },
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Disable));
        return compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
    }

    private static IEnumerable<string> SourceFiles(string dir) =>
        Directory.GetFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar)
                     && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar));

    private static (byte[] image, IReadOnlyList<Diagnostic> errors) EmitStubs()
    {
        var trees = SourceFiles(StubsDir).Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), Parse, f));
        var compilation = CSharpCompilation.Create("Qinshui.Edge.NanoStubs", trees,
            new[] { MetadataReference.CreateFromFile(Mscorlib) },
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Disable));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        return (stream.ToArray(), result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList());
    }
}
