using System.Text.Json;

namespace Chat.Tools;

/// <summary>
/// The local settings of the Functions app (<c>Chat.Functions/local.settings.json</c>), found from any working
/// directory: an explicit path (relative to the working directory) wins; otherwise the repository root (the folder
/// holding <c>FuncChat.sln</c>) above the working directory, then the one above the tool itself.
/// </summary>
internal static class LocalSettings
{
    public const string SolutionFile = "FuncChat.sln";
    public static readonly string RelativePath = Path.Combine("Chat.Functions", "local.settings.json");

    public static string Resolve(string? explicitPath, string currentDirectory, string toolDirectory)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath, currentDirectory);
        }

        var root = FindRepositoryRoot(currentDirectory) ?? FindRepositoryRoot(toolDirectory);
        return Path.Combine(root ?? currentDirectory, RelativePath);
    }

    /// <summary>The nearest folder at or above <paramref name="startDirectory"/> that holds <c>FuncChat.sln</c>.</summary>
    public static string? FindRepositoryRoot(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    /// <summary>The string <c>Values</c> of a local.settings.json file; empty when the file is optional and missing.</summary>
    public static Dictionary<string, string> ReadValues(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required
                ? throw new IOException($"{path} not found: create it (scripts/start-local.sh does, README 'Run it locally') or pass --settings <path>.")
                : [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object
            ? values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
    }
}
