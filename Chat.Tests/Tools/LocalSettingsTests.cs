using Chat.Tools;

namespace Chat.Tests.Tools;

/// <summary>The tools find Chat.Functions/local.settings.json from any working directory.</summary>
public sealed class LocalSettingsTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("funcchat-tools-").FullName;

    [Fact]
    public void Resolve_FindsTheRepositoryAboveTheWorkingDirectory_WhenRunFromASubfolder()
    {
        var repository = Repository("repo");
        var subfolder = Directory.CreateDirectory(Path.Combine(repository, "docs", "deep")).FullName;

        var path = LocalSettings.Resolve(explicitPath: null, currentDirectory: subfolder, toolDirectory: Path.Combine(_scratch, "elsewhere"));

        Assert.Equal(Path.Combine(repository, "Chat.Functions", "local.settings.json"), path);
    }

    [Fact]
    public void Resolve_FindsTheRepositoryAboveTheTool_WhenRunFromOutsideAnyRepository()
    {
        var repository = Repository("repo");
        var toolOutput = Directory.CreateDirectory(Path.Combine(repository, "tools", "Chat.DevToken", "bin", "Debug", "net10.0")).FullName;
        var outside = Directory.CreateDirectory(Path.Combine(_scratch, "home")).FullName;

        var path = LocalSettings.Resolve(explicitPath: null, currentDirectory: outside, toolDirectory: toolOutput);

        Assert.Equal(Path.Combine(repository, "Chat.Functions", "local.settings.json"), path);
    }

    [Fact]
    public void Resolve_PrefersTheRepositoryOfTheWorkingDirectory_OverTheOneOfTheTool()
    {
        var mine = Repository("mine");
        var tools = Repository("tools-checkout");

        var path = LocalSettings.Resolve(explicitPath: null, currentDirectory: mine, toolDirectory: tools);

        Assert.StartsWith(mine, path, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_TakesAnExplicitPathRelativeToTheWorkingDirectory()
    {
        var repository = Repository("repo");

        var path = LocalSettings.Resolve(Path.Combine("..", "other.json"), currentDirectory: repository, toolDirectory: repository);

        Assert.Equal(Path.Combine(_scratch, "other.json"), path);
    }

    [Fact]
    public void FindRepositoryRoot_ReturnsNull_WhenNoFolderAboveHoldsTheSolution()
    {
        var outside = Directory.CreateDirectory(Path.Combine(_scratch, "plain", "folder")).FullName;

        Assert.Null(LocalSettings.FindRepositoryRoot(outside));
    }

    [Fact]
    public void ReadValues_ReadsTheStringValues_OfAFileWithComments()
    {
        var file = Path.Combine(_scratch, "local.settings.json");
        File.WriteAllText(file, """
            {
              // comments are allowed, as the Functions host allows them
              "IsEncrypted": false,
              "Values": { "Chat:Auth:Issuer": "funcchat-dev", "Number": 3, },
              "Host": { "CORS": "http://localhost:5173" }
            }
            """);

        var values = LocalSettings.ReadValues(file, required: true);

        Assert.Equal(new Dictionary<string, string> { ["Chat:Auth:Issuer"] = "funcchat-dev" }, values);
    }

    [Fact]
    public void ReadValues_Throws_WhenARequiredFileIsMissing_AndReturnsNothingWhenItIsOptional()
    {
        var missing = Path.Combine(_scratch, "missing.json");

        var error = Assert.Throws<IOException>(() => LocalSettings.ReadValues(missing, required: true));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
        Assert.Empty(LocalSettings.ReadValues(missing, required: false));
    }

    [Fact]
    public void Resolve_FindsThisRepositorysSettingsPath_FromTheTestOutputFolder()
    {
        var path = LocalSettings.Resolve(explicitPath: null, currentDirectory: _scratch, toolDirectory: AppContext.BaseDirectory);

        Assert.Equal(Path.Combine(RepositoryFiles.Root, "Chat.Functions", "local.settings.json"), path);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    private string Repository(string name)
    {
        var root = Directory.CreateDirectory(Path.Combine(_scratch, name)).FullName;
        File.WriteAllText(Path.Combine(root, LocalSettings.SolutionFile), string.Empty);
        return root;
    }
}
