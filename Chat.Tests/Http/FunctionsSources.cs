using Chat.Shared.Http;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Chat.Tests.Http;

/// <summary>
/// The <c>[HttpTrigger]</c> functions declared in the Chat.Functions sources, read with Roslyn: Chat.Functions
/// cannot be built here (its SignalR and Cosmos DB extensions do not restore) and Chat.Tests does not reference it.
/// The sources are compiled against Chat.Shared and the framework only, which is enough to evaluate the attribute
/// arguments as constants (<c>ChatRoutes.Typing</c>, <c>nameof(SetTyping)</c>, <c>"post"</c>) exactly as the compiler would.
/// </summary>
internal static class FunctionsSources
{
    public static IReadOnlyList<HttpFunction> HttpFunctions(string projectDirectory)
    {
        var trees = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(projectDirectory, path))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path))
            .ToList();
        var compilation = CSharpCompilation.Create("Chat.Functions.Sources", trees, References());
        var functions = new List<HttpFunction>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes).FirstOrDefault(IsHttpTrigger) is { } trigger)
                {
                    functions.Add(Read(model, method, trigger));
                }
            }
        }

        return functions;
    }

    /// <summary>The <c>[SignalRTrigger]</c> functions: name, hub, category and event, evaluated as the compiler would.</summary>
    public static IReadOnlyList<SignalRTriggerFunction> SignalRTriggerFunctions(string projectDirectory)
    {
        var trees = Directory.EnumerateFiles(projectDirectory, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(projectDirectory, path))
            .Select(path => CSharpSyntaxTree.ParseText(File.ReadAllText(path), path: path))
            .ToList();
        var compilation = CSharpCompilation.Create("Chat.Functions.Sources", trees, References());
        var functions = new List<SignalRTriggerFunction>();
        foreach (var tree in trees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var trigger = method.ParameterList.Parameters.SelectMany(p => p.AttributeLists).SelectMany(l => l.Attributes)
                    .FirstOrDefault(a => NameOf(a) == "SignalRTrigger");
                if (trigger is null)
                {
                    continue;
                }

                var where = $"{Path.GetFileName(method.SyntaxTree.FilePath)}:{method.Identifier.Text}";
                var function = method.AttributeLists.SelectMany(l => l.Attributes).SingleOrDefault(a => NameOf(a) == "Function")
                    ?? throw new InvalidOperationException($"{where} has a [SignalRTrigger] but no [Function] attribute.");
                var positional = trigger.ArgumentList!.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
                functions.Add(new SignalRTriggerFunction(
                    Constant(model, function.ArgumentList!.Arguments[0].Expression, where),
                    Constant(model, positional[0].Expression, where),
                    Constant(model, positional[1].Expression, where),
                    Constant(model, positional[2].Expression, where),
                    where));
            }
        }

        return functions;
    }

    private static HttpFunction Read(SemanticModel model, MethodDeclarationSyntax method, AttributeSyntax trigger)
    {
        var where = $"{Path.GetFileName(method.SyntaxTree.FilePath)}:{method.Identifier.Text}";
        var function = method.AttributeLists.SelectMany(l => l.Attributes).SingleOrDefault(a => NameOf(a) == "Function")
            ?? throw new InvalidOperationException($"{where} has an [HttpTrigger] but no [Function] attribute.");
        var name = Constant(model, function.ArgumentList!.Arguments[0].Expression, where);
        var arguments = trigger.ArgumentList?.Arguments ?? default;
        var route = arguments.SingleOrDefault(a => a.NameEquals?.Name.Identifier.Text == "Route")
            ?? throw new InvalidOperationException($"{where}: [HttpTrigger] without a Route.");
        var methods = arguments
            .Where(a => a.NameEquals is null && a.NameColon is null)
            .Select(a => model.GetConstantValue(a.Expression))
            .Where(c => c is { HasValue: true, Value: string })
            .Select(c => ((string)c.Value!).ToUpperInvariant())
            .ToList();
        var routeValues = method.ParameterList.Parameters
            .Where(p => p.AttributeLists.Count == 0 && p.Type is PredefinedTypeSyntax { Keyword.Text: "string" })
            .Select(p => p.Identifier.Text)
            .ToList();
        return new HttpFunction(name, methods, Constant(model, route.Expression, where), routeValues, where);
    }

    private static string Constant(SemanticModel model, ExpressionSyntax expression, string where) =>
        model.GetConstantValue(expression) is { HasValue: true, Value: string value }
            ? value
            : throw new InvalidOperationException($"{where}: '{expression}' is not a constant string the test can evaluate.");

    private static bool IsHttpTrigger(AttributeSyntax attribute) => NameOf(attribute) == "HttpTrigger";

    private static string NameOf(AttributeSyntax attribute)
    {
        var name = attribute.Name switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.Text,
            SimpleNameSyntax simple => simple.Identifier.Text,
            _ => attribute.Name.ToString(),
        };
        return name.EndsWith("Attribute", StringComparison.Ordinal) ? name[..^"Attribute".Length] : name;
    }

    private static bool IsBuildOutput(string projectDirectory, string path)
    {
        var relative = Path.GetRelativePath(projectDirectory, path).Split(Path.DirectorySeparatorChar);
        return relative[0] is "bin" or "obj";
    }

    private static IEnumerable<MetadataReference> References() =>
        ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ChatRoutes).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
}

/// <summary>One HTTP function: its name, HTTP methods, route template and the string parameters that take route values.</summary>
internal sealed record HttpFunction(string Name, IReadOnlyList<string> Methods, string Route, IReadOnlyList<string> RouteValueParameters, string Where);

/// <summary>One SignalR trigger function: its name and the hub, category and event it is triggered by.</summary>
internal sealed record SignalRTriggerFunction(string Name, string Hub, string Category, string Event, string Where);
