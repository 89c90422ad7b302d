using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public class AttachmentPolicyTests
{
    [Theory]
    [InlineData("photo.png", "photo.png")]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\report.pdf", "report.pdf")]
    [InlineData("inv\u0000oice.pdf", "inv_oice.pdf")]
    [InlineData("evil\u202Egnp.exe", "evil_gnp.exe")]
    [InlineData("a<b>c|d:e*f?.txt", "a_b_c_d_e_f_.txt")]
    [InlineData("  .hidden.  ", "hidden")]
    [InlineData("a\u2066b\u2069.pdf", "a_b_.pdf")]
    [InlineData("a\u2067b\u2068c.pdf", "a_b_c.pdf")]
    [InlineData("\u200Ereport\u200F.pdf", "_report_.pdf")]
    [InlineData("x\u061Cy.txt", "x_y.txt")]
    [InlineData("in\u202Avoice\u202C.pdf", "in_voice_.pdf")]
    [InlineData("zero\u200Bwidth\u2060.png", "zero_width_.png")]
    [InlineData("bom\uFEFF.txt", "bom_.txt")]
    [InlineData("soft\u00ADhyphen.txt", "soft_hyphen.txt")]
    [InlineData("line\u2028break\u2029.txt", "line_break_.txt")]
    [InlineData("private\uE000use.txt", "private_use.txt")]
    [InlineData("tag\U000E0041.txt", "tag_.txt")]
    [InlineData("non\u00A0breaking\u2007space.txt", "non breaking space.txt")]
    [InlineData("\U0001F600 smile.png", "\U0001F600 smile.png")]
    public void SanitizeFileName_KeepsTheLastSegment_WithoutUnsafeCharacters(string input, string expected) =>
        Assert.Equal(expected, AttachmentPolicy.SanitizeFileName(input, 128));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("dir/")]
    [InlineData("\u0001\u0002")]
    [InlineData("\u202E\u2066\u200F")]
    [InlineData("\u200B.\u200B")]
    [InlineData("\u00A0\u3000")]
    public void SanitizeFileName_ReturnsNull_WhenNothingUsableRemains(string? input) =>
        Assert.Null(AttachmentPolicy.SanitizeFileName(input, 128));

    [Fact]
    public void SanitizeFileName_ShortensLongNames_KeepingTheExtension()
    {
        var name = AttachmentPolicy.SanitizeFileName(new string('a', 300) + ".pdf", 40);

        Assert.Equal(40, name!.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void SanitizeFileName_ReplacesLoneSurrogates()
    {
        // Built here, not in InlineData: theory data is serialised as UTF-8, which cannot carry a lone surrogate.
        Assert.Equal("lone_high.txt", AttachmentPolicy.SanitizeFileName("lone" + '\uD800' + "high.txt", 128));
        Assert.Equal("lone_low.txt", AttachmentPolicy.SanitizeFileName("lone" + '\uDC00' + "low.txt", 128));
        Assert.Equal("swapped__pair.txt", AttachmentPolicy.SanitizeFileName("swapped" + '\uDE00' + '\uD83D' + "pair.txt", 128));
    }

    [Fact]
    public void SanitizeFileName_NeverSplitsASurrogatePair_WhenShortening()
    {
        var name = AttachmentPolicy.SanitizeFileName(string.Concat(Enumerable.Repeat("\U0001F600", 100)) + ".png", 41);

        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 18)) + ".png", name);
    }

    [Fact]
    public void SanitizeFileName_NeverSplitsAFlag_WhenShortening()
    {
        var flag = "\U0001F1EB\U0001F1F7";
        var name = AttachmentPolicy.SanitizeFileName(string.Concat(Enumerable.Repeat(flag, 20)) + ".png", 43);

        Assert.Equal(string.Concat(Enumerable.Repeat(flag, 9)) + ".png", name);
    }

    [Fact]
    public void SanitizeFileName_KeepsACharacterWithItsCombiningMarks_WhenShortening()
    {
        var letter = "q\u0323\u0307";
        var name = AttachmentPolicy.SanitizeFileName(string.Concat(Enumerable.Repeat(letter, 20)) + ".txt", 20);

        Assert.Equal(string.Concat(Enumerable.Repeat(letter, 5)) + ".txt", name);
    }

    [Fact]
    public void BlobName_IsMadeOfServerIdsOnly()
    {
        Assert.Equal("d_abc/a_123", AttachmentPolicy.BlobName("d_abc", "a_123"));
    }

    [Theory]
    [InlineData("image/PNG", "image/png")]
    [InlineData("text/plain; charset=utf-8", "text/plain")]
    [InlineData("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    [InlineData("image", null)]
    [InlineData("image/", null)]
    [InlineData("/png", null)]
    [InlineData("image/png/x", null)]
    [InlineData("image/p ng", null)]
    [InlineData("", null)]
    public void NormalizeContentType_LowersAndStripsParameters(string input, string? expected) =>
        Assert.Equal(expected, AttachmentPolicy.NormalizeContentType(input));

    [Theory]
    [InlineData("image/jpeg", AttachmentKind.Image)]
    [InlineData("video/mp4", AttachmentKind.Video)]
    [InlineData("audio/mpeg", AttachmentKind.Audio)]
    [InlineData("application/pdf", AttachmentKind.File)]
    public void Kind_FollowsTheContentType(string contentType, AttachmentKind kind) =>
        Assert.Equal(kind, AttachmentKinds.FromContentType(contentType));
}
