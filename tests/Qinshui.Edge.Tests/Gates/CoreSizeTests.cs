using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit.Abstractions;

namespace Qinshui.Edge.Tests.Gates;

/// <summary>
/// Keeps the core readable (issue 17, STYLE.md "small files"): no source file of
/// firmware/Qinshui.Edge.Core over 400 lines and no method, constructor or accessor over 80.
/// What is over today is listed below with who is splitting it; a new file or method over the
/// limit fails. Run this test to list every violation (its message names file, member and lines).
/// </summary>
public class CoreSizeTests(ITestOutputHelper output)
{
    public const int MaxFileLines = 400;
    public const int MaxMethodLines = 80;

    /// <summary>Over the limit today, being changed by another work item; remove an entry once it is split.</summary>
    private static readonly HashSet<string> Known =
    [
    ];

    /// <summary>Every file and member of the core over its limit: "path" or "path member", with its line count.</summary>
    public static List<(string Key, int Lines)> Violations()
    {
        string core = Path.Combine(NanoGate.RepoRoot, "firmware", "Qinshui.Edge.Core");
        var found = new List<(string, int)>();
        foreach (string file in Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(core, file).Replace('\\', '/');
            if (relative.StartsWith("obj/") || relative.StartsWith("bin/")) continue;
            string text = File.ReadAllText(file);
            var tree = CSharpSyntaxTree.ParseText(text, new CSharpParseOptions(LanguageVersion.CSharp9));
            int fileLines = tree.GetText().Lines.Count - (text.EndsWith('\n') ? 1 : 0);
            if (fileLines > MaxFileLines) found.Add((relative, fileLines));
            foreach (var member in tree.GetRoot().DescendantNodes())
            {
                string? name = member switch
                {
                    MethodDeclarationSyntax m => m.Identifier.Text,
                    ConstructorDeclarationSyntax c => c.Identifier.Text,
                    AccessorDeclarationSyntax a when a.Body != null => (a.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text + "." + a.Keyword.Text,
                    OperatorDeclarationSyntax o => "operator" + o.OperatorToken.Text,
                    _ => null,
                };
                if (name == null) continue;
                int lines = LinesOf(member);
                if (lines > MaxMethodLines) found.Add((relative + " " + name, lines));
            }
        }
        return found;
    }

    /// <summary>Lines from a member's first (its signature, attributes and doc comment excluded) to its closing brace.</summary>
    public static int LinesOf(SyntaxNode member)
    {
        var span = member.GetLocation().GetLineSpan();
        return span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
    }

    [Fact]
    public void NoCoreFileOver400Lines_NoCoreMethodOver80_BeyondTheKnownOnes()
    {
        var all = Violations();
        foreach (var (key, lines) in all.OrderBy(v => v.Key)) output.WriteLine($"{lines,5}  {key}{(Known.Contains(key) ? "  (known)" : "")}");
        var fixedSince = Known.Where(k => all.All(v => v.Key != k)).ToList();
        foreach (var k in fixedSince) output.WriteLine("no longer over the limit, remove from Known: " + k);
        var added = all.Where(v => !Known.Contains(v.Key)).Select(v => $"{v.Key}: {v.Lines} lines").ToList();
        Assert.True(added.Count == 0, $"over {MaxFileLines} lines per file or {MaxMethodLines} per method:\n" + string.Join("\n", added));
    }

    [Fact]
    public void TheScan_FindsAnOverlongMethod()
    {
        // The measure itself: a method of 81 lines is found, one of 80 is not.
        string Body(int lines) => "class C { void M() {\n" + string.Concat(Enumerable.Repeat("int x = 0;\n", lines - 2)) + "} }";
        int Measure(string source) => LinesOf(CSharpSyntaxTree.ParseText(source).GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single());
        Assert.Equal(81, Measure(Body(81)));
        Assert.Equal(80, Measure(Body(80)));
    }
}
