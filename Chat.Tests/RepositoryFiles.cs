namespace Chat.Tests;

/// <summary>Files of the repository itself (templates, settings), found from the test output folder.</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "FuncChat.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"FuncChat.sln not found above {AppContext.BaseDirectory}.");
    }
}
