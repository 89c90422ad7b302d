using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public sealed class TextRulesTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("hello", 5)]
    [InlineData("\U0001F600", 1)]
    [InlineData("\U0001F44D\U0001F3FD", 2)]
    [InlineData("e\u0301", 2)]
    [InlineData("\u00E9", 1)]
    [InlineData("\U0001F468\u200D\U0001F469\u200D\U0001F467", 5)]
    [InlineData("日本語", 3)]
    public void CodePointCount_CountsUnicodeScalarValues(string text, int count) =>
        Assert.Equal(count, TextRules.CodePointCount(text));

    [Fact]
    public void CodePointCount_CountsALoneSurrogateOnce() =>
        Assert.Equal(3, TextRules.CodePointCount("a" + '\uD800' + "b"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\r\n")]
    [InlineData("\u200B")]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF")]
    [InlineData("\u00A0\u2007\u202F\u3000")]
    [InlineData("\u2028\u2029")]
    [InlineData("\u3164\u115F\u1160\uFFA0")]
    [InlineData("\u2800")]
    [InlineData("\uFE0F\u034F")]
    [InlineData("\u202E\u2066\u2069\u200E\u200F\u061C")]
    [InlineData("\U000E0041\U000E007F")]
    public void IsBlank_IsTrue_ForTextNobodyCanSee(string? text) => Assert.True(TextRules.IsBlank(text));

    [Theory]
    [InlineData("a")]
    [InlineData("\u200Ba")]
    [InlineData("\U0001F600")]
    [InlineData(".")]
    [InlineData("\u0301")]
    [InlineData("\u3164x")]
    public void IsBlank_IsFalse_WhenAnythingIsVisible(string text) => Assert.False(TextRules.IsBlank(text));

    [Theory]
    [InlineData("abcdef", 4, "abcd")]
    [InlineData("ab\U0001F600", 3, "ab")]
    [InlineData("ab\U0001F600", 4, "ab\U0001F600")]
    [InlineData("ae\u0301b", 2, "a")]
    [InlineData("\U0001F1EB\U0001F1F7\U0001F1E9\U0001F1EA", 6, "\U0001F1EB\U0001F1F7")]
    [InlineData("short", 10, "short")]
    public void TruncateOnTextElements_CutsOnlyBetweenTextElements(string text, int max, string expected) =>
        Assert.Equal(expected, TextRules.TruncateOnTextElements(text, max));

    [Fact]
    public void ReplaceRunes_ReplacesWholeRunes_AndLoneSurrogates()
    {
        var replaced = TextRules.ReplaceRunes("a\U0001F600" + '\uDC00' + "b", r => r.Value > 0x7F, '_');

        Assert.Equal("a__b", replaced);
    }
}
