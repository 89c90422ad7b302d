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
    public void SanitizeFileName_KeepsTheLastSegment_WithoutUnsafeCharacters(string input, string expected) =>
        Assert.Equal(expected, AttachmentPolicy.SanitizeFileName(input, 128));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("..")]
    [InlineData("dir/")]
    [InlineData("\u0001\u0002")]
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
