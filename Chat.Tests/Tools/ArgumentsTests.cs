using Chat.Tools;

namespace Chat.Tests.Tools;

public sealed class ArgumentsTests
{
    private static readonly HashSet<string> Flags = new(["help", "new-key"], StringComparer.Ordinal);

    [Fact]
    public void Parse_ReadsOptionValuesAndFlags()
    {
        var options = Arguments.Parse(["--user", "alice", "--help", "--minutes", "5"], Flags);

        Assert.Equal(new Dictionary<string, string> { ["user"] = "alice", ["help"] = "true", ["minutes"] = "5" }, options);
    }

    [Theory]
    [InlineData("alice")]
    [InlineData("--user")]
    public void Parse_Refuses_AStrayValueOrAnOptionWithoutValue(string argument)
    {
        Assert.Throws<ArgumentException>(() => Arguments.Parse([argument], Flags));
    }
}
