using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Qinshui.Edge.NanoRules
{
    /// <summary>
    /// Rejects C# that the nanoFramework 1.x runtime (mscorlib 1.17.x, its interpreter and its
    /// metadata processor) cannot run, even where it compiles against nanoFramework's mscorlib:
    /// generics, async/await, iterators, LINQ, records, tuples, dynamic, nullable value types,
    /// decimal. Each message says what nanoFramework lacks.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class NanoRulesAnalyzer : DiagnosticAnalyzer
    {
        private const string Category = "nanoFramework";

        public static readonly DiagnosticDescriptor GenericDeclared = Rule("QE0001",
            "Generic declaration",
            "'{0}' declares a generic {1}; nanoFramework 1.x has no generics (its runtime and metadata processor reject them): use a concrete type, an array or ArrayList");
        public static readonly DiagnosticDescriptor GenericUsed = Rule("QE0002",
            "Generic type or method used",
            "'{0}' uses a generic {1}; nanoFramework 1.x has no generics (no List<T>, Dictionary<K,V>, Span<T>): use an array or ArrayList");
        public static readonly DiagnosticDescriptor AsyncAwait = Rule("QE0003",
            "async/await",
            "'{0}': async/await is not supported by nanoFramework 1.x (no Task, no state machines): the core is driven by the scan loop");
        public static readonly DiagnosticDescriptor Iterator = Rule("QE0004",
            "yield",
            "'{0}': iterators (yield) are not supported by nanoFramework 1.x: fill an array instead");
        public static readonly DiagnosticDescriptor Linq = Rule("QE0005",
            "LINQ",
            "'{0}': LINQ is not available on nanoFramework 1.x (no System.Linq, no generic IEnumerable<T>): write the loop");
        public static readonly DiagnosticDescriptor Record = Rule("QE0006",
            "record",
            "'{0}': records are not supported by nanoFramework 1.x (they need generic IEquatable<T> and init-only setters): use a class or struct");
        public static readonly DiagnosticDescriptor Tuple = Rule("QE0007",
            "tuple",
            "'{0}': tuples are not supported by nanoFramework 1.x (ValueTuple is generic and absent): use out parameters or a struct");
        public static readonly DiagnosticDescriptor Dynamic = Rule("QE0008",
            "dynamic",
            "'{0}': dynamic is not supported by nanoFramework 1.x (no DLR)");
        public static readonly DiagnosticDescriptor NullableValue = Rule("QE0009",
            "nullable value type",
            "'{0}': nullable value types are not supported by nanoFramework 1.x (Nullable<T> is generic and absent): use a flag or a sentinel with its own quality");
        public static readonly DiagnosticDescriptor DecimalType = Rule("QE0010",
            "decimal",
            "'{0}': decimal is not supported by nanoFramework 1.x (System.Decimal is absent): use double or scaled integers");
        public static readonly DiagnosticDescriptor InitOnly = Rule("QE0011",
            "init-only setter",
            "'{0}': init-only setters need IsExternalInit, which nanoFramework 1.x lacks: use a constructor and a get-only property");

        public static readonly DiagnosticDescriptor RecordIdentifier = Rule("QE0012",
            "identifier named record",
            "'{0}': an identifier named 'record' reads as the C# 9 record keyword, and records are not supported by nanoFramework 1.x: rename it (recordBytes, entry, ...)");

        private static DiagnosticDescriptor Rule(string id, string title, string message) =>
            new DiagnosticDescriptor(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true,
                description: "The shared core must run on nanoFramework 1.x; see ARCHITECTURE.md, 'nanoFramework rules for the core'.");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(
            GenericDeclared, GenericUsed, AsyncAwait, Iterator, Linq, Record, Tuple, Dynamic, NullableValue, DecimalType, InitOnly, RecordIdentifier);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();

            context.RegisterSyntaxNodeAction(OnTypeDeclaration,
                SyntaxKind.ClassDeclaration, SyntaxKind.StructDeclaration, SyntaxKind.InterfaceDeclaration);
            context.RegisterSyntaxNodeAction(c => Report(c, Record, ((RecordDeclarationSyntax)c.Node).Identifier.Text, c.Node.GetFirstToken().GetLocation()),
                SyntaxKind.RecordDeclaration, SyntaxKind.RecordStructDeclaration);
            context.RegisterSyntaxNodeAction(OnMethodDeclaration, SyntaxKind.MethodDeclaration);
            context.RegisterSyntaxNodeAction(OnLocalFunction, SyntaxKind.LocalFunctionStatement);
            context.RegisterSyntaxNodeAction(OnDelegateDeclaration, SyntaxKind.DelegateDeclaration);
            context.RegisterSyntaxNodeAction(OnGenericName, SyntaxKind.GenericName);
            context.RegisterSyntaxNodeAction(c => Report(c, AsyncAwait, "await", c.Node.GetLocation()), SyntaxKind.AwaitExpression);
            context.RegisterSyntaxNodeAction(c => Report(c, Iterator, c.Node.ToString(), c.Node.GetLocation()),
                SyntaxKind.YieldReturnStatement, SyntaxKind.YieldBreakStatement);
            context.RegisterSyntaxNodeAction(c => Report(c, Linq, "query expression", c.Node.GetLocation()), SyntaxKind.QueryExpression);
            context.RegisterSyntaxNodeAction(OnUsing, SyntaxKind.UsingDirective);
            context.RegisterSyntaxNodeAction(c => Report(c, Tuple, c.Node.ToString(), c.Node.GetLocation()),
                SyntaxKind.TupleType, SyntaxKind.TupleExpression);
            context.RegisterSyntaxNodeAction(c => Report(c, NullableValue, c.Node.ToString(), c.Node.GetLocation()), SyntaxKind.NullableType);
            context.RegisterSyntaxNodeAction(OnPredefinedType, SyntaxKind.PredefinedType);
            context.RegisterSyntaxNodeAction(OnNumericLiteral, SyntaxKind.NumericLiteralExpression);
            context.RegisterSyntaxNodeAction(OnIdentifier, SyntaxKind.IdentifierName);
            context.RegisterSyntaxNodeAction(c => Report(c, InitOnly, c.Node.ToString(), c.Node.GetLocation()), SyntaxKind.InitAccessorDeclaration);
            context.RegisterSyntaxNodeAction(OnAsyncModifierHolder,
                SyntaxKind.MethodDeclaration, SyntaxKind.LocalFunctionStatement,
                SyntaxKind.ParenthesizedLambdaExpression, SyntaxKind.SimpleLambdaExpression, SyntaxKind.AnonymousMethodExpression);
            context.RegisterOperationAction(OnInvocation, Microsoft.CodeAnalysis.OperationKind.Invocation);
            context.RegisterSyntaxTreeAction(OnRecordIdentifiers);
        }

        /// <summary>Every identifier token spelled 'record' (declared or used; a record declaration's keyword is not an identifier token).</summary>
        private static void OnRecordIdentifiers(SyntaxTreeAnalysisContext c)
        {
            foreach (var token in c.Tree.GetRoot(c.CancellationToken).DescendantTokens())
            {
                if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == "record")
                    c.ReportDiagnostic(Diagnostic.Create(RecordIdentifier, token.GetLocation(), token.Text));
            }
        }

        private static void Report(SyntaxNodeAnalysisContext c, DiagnosticDescriptor d, string what, Location where, string? kind = null)
        {
            c.ReportDiagnostic(kind == null ? Diagnostic.Create(d, where, what) : Diagnostic.Create(d, where, what, kind));
        }

        private static void OnTypeDeclaration(SyntaxNodeAnalysisContext c)
        {
            var t = (TypeDeclarationSyntax)c.Node;
            if (t.TypeParameterList != null)
                Report(c, GenericDeclared, t.Identifier.Text, t.Identifier.GetLocation(), "type");
        }

        private static void OnMethodDeclaration(SyntaxNodeAnalysisContext c)
        {
            var m = (MethodDeclarationSyntax)c.Node;
            if (m.TypeParameterList != null)
                Report(c, GenericDeclared, m.Identifier.Text, m.Identifier.GetLocation(), "method");
        }

        private static void OnLocalFunction(SyntaxNodeAnalysisContext c)
        {
            var m = (LocalFunctionStatementSyntax)c.Node;
            if (m.TypeParameterList != null)
                Report(c, GenericDeclared, m.Identifier.Text, m.Identifier.GetLocation(), "local function");
        }

        private static void OnDelegateDeclaration(SyntaxNodeAnalysisContext c)
        {
            var d = (DelegateDeclarationSyntax)c.Node;
            if (d.TypeParameterList != null)
                Report(c, GenericDeclared, d.Identifier.Text, d.Identifier.GetLocation(), "delegate");
        }

        private static void OnGenericName(SyntaxNodeAnalysisContext c)
        {
            var g = (GenericNameSyntax)c.Node;
            string kind = "type";
            var symbol = c.SemanticModel.GetSymbolInfo(g, c.CancellationToken).Symbol;
            if (symbol is IMethodSymbol) kind = "method";
            Report(c, GenericUsed, g.ToString(), g.GetLocation(), kind);
        }

        private static void OnInvocation(OperationAnalysisContext c)
        {
            // Generic methods called with inferred type arguments have no GenericName in the syntax.
            var inv = (Microsoft.CodeAnalysis.Operations.IInvocationOperation)c.Operation;
            var method = inv.TargetMethod;
            bool explicitTypeArgs = inv.Syntax is InvocationExpressionSyntax ies &&
                (ies.Expression is GenericNameSyntax ||
                 (ies.Expression is MemberAccessExpressionSyntax ma && ma.Name is GenericNameSyntax));
            if (method.IsGenericMethod && !explicitTypeArgs)
                c.ReportDiagnostic(Diagnostic.Create(GenericUsed, inv.Syntax.GetLocation(), method.Name, "method (type arguments inferred)"));
        }

        private static void OnUsing(SyntaxNodeAnalysisContext c)
        {
            var u = (UsingDirectiveSyntax)c.Node;
            string name = u.Name?.ToString() ?? string.Empty;
            if (name == "System.Linq" || name.StartsWith("System.Linq.", System.StringComparison.Ordinal))
                Report(c, Linq, "using " + name, u.GetLocation());
            if (name == "System.Collections.Generic")
                c.ReportDiagnostic(Diagnostic.Create(GenericUsed, u.GetLocation(), "using " + name, "namespace"));
            if (name == "System.Threading.Tasks")
                Report(c, AsyncAwait, "using " + name, u.GetLocation());
        }

        private static void OnPredefinedType(SyntaxNodeAnalysisContext c)
        {
            var p = (PredefinedTypeSyntax)c.Node;
            if (p.Keyword.IsKind(SyntaxKind.DecimalKeyword))
                Report(c, DecimalType, "decimal", p.GetLocation());
        }

        private static void OnNumericLiteral(SyntaxNodeAnalysisContext c)
        {
            var l = (LiteralExpressionSyntax)c.Node;
            string text = l.Token.Text;
            if (!text.StartsWith("0x", System.StringComparison.OrdinalIgnoreCase) &&
                (text.EndsWith("m", System.StringComparison.Ordinal) || text.EndsWith("M", System.StringComparison.Ordinal)))
                Report(c, DecimalType, text, l.GetLocation());
        }

        private static void OnIdentifier(SyntaxNodeAnalysisContext c)
        {
            var id = (IdentifierNameSyntax)c.Node;
            if (id.Identifier.Text != "dynamic" && id.Identifier.Text != "var") return;
            var type = c.SemanticModel.GetTypeInfo(id, c.CancellationToken).Type;
            if (type != null && type.TypeKind == TypeKind.Dynamic)
                Report(c, Dynamic, id.Identifier.Text, id.GetLocation());
        }

        private static void OnAsyncModifierHolder(SyntaxNodeAnalysisContext c)
        {
            SyntaxTokenList modifiers;
            switch (c.Node)
            {
                case MethodDeclarationSyntax m: modifiers = m.Modifiers; break;
                case LocalFunctionStatementSyntax f: modifiers = f.Modifiers; break;
                case AnonymousFunctionExpressionSyntax a: modifiers = a.Modifiers; break;
                default: return;
            }
            foreach (var token in modifiers)
            {
                if (token.IsKind(SyntaxKind.AsyncKeyword))
                    Report(c, AsyncAwait, "async", token.GetLocation());
            }
        }
    }
}
