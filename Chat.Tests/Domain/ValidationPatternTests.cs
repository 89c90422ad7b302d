using System.Text.RegularExpressions;

namespace Chat.Tests.Domain;

/// <summary>
/// Every regular expression that validates input in the shipped code anchors at the true end of the input: in .NET
/// <c>$</c> also matches before a final <c>\n</c> (without RegexOptions.Multiline), so <c>^[a-z]+$</c> accepts
/// <c>"abc\n"</c>. Patterns use <c>\z</c> instead.
/// </summary>
public sealed class ValidationPatternTests
{
    private static readonly string[] ShippedFolders = ["Chat.Shared", "Chat.Functions", "tools"];

    [Fact]
    public void ShippedRegexPatterns_NeverEndWithDollar()
    {
        var patterns = ShippedPatterns().ToList();

        Assert.NotEmpty(patterns);
        Assert.All(patterns, p => Assert.False(EndsWithDollarAnchor(p.Pattern), $"{p.File}: \"{p.Pattern}\" ends with $; anchor with \\z"));
    }

    [Theory]
    [InlineData(@"^[a-z]+$", true)]
    [InlineData(@"\A[a-z]+\z", false)]
    [InlineData(@"^a|b$", true)]
    [InlineData(@"price\$", false)]
    public void EndsWithDollarAnchor_FindsTheUnsafeAnchor(string pattern, bool unsafeAnchor) =>
        Assert.Equal(unsafeAnchor, EndsWithDollarAnchor(pattern));

    [Fact]
    public void DollarAnchor_AcceptsATrailingNewline_WhichIsWhyItIsBanned()
    {
        Assert.Matches(new Regex("^[a-z]+$"), "abc\n");
        Assert.DoesNotMatch(new Regex(@"\A[a-z]+\z"), "abc\n");
    }

    private static bool EndsWithDollarAnchor(string pattern) =>
        Regex.IsMatch(pattern, @"(?<!\\)\$(\)|\||\z)");

    private static IEnumerable<(string File, string Pattern)> ShippedPatterns()
    {
        var declaration = new Regex(@"(GeneratedRegex|new\s+Regex|Regex\.(IsMatch|Match|Matches|Replace|Split))\(\s*(@?)""((?:[^""\\]|\\.|"""")*)""");
        foreach (var folder in ShippedFolders)
        {
            var root = Path.Combine(RepositoryFiles.Root, folder);
            foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                         .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
            {
                foreach (Match match in declaration.Matches(File.ReadAllText(file)))
                {
                    var text = match.Groups[4].Value;
                    yield return (Path.GetRelativePath(RepositoryFiles.Root, file), match.Groups[3].Value == "@" ? text.Replace("\"\"", "\"", StringComparison.Ordinal) : Regex.Unescape(text));
                }
            }
        }
    }
}
