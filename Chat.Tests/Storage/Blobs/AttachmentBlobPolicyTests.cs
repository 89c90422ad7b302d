using Chat.Shared.Storage.Blobs;

namespace Chat.Tests.Storage.Blobs;

public class AttachmentBlobPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForUpload_GrantsCreateAndTagsOnly_ForExactlyThatBlob()
    {
        var grant = AttachmentBlobPolicy.ForUpload("d_x/a_1", Now, Now.AddMinutes(10));

        Assert.Equal("d_x/a_1", grant.BlobName);
        Assert.Equal("ct", grant.Permissions);
        Assert.DoesNotContain('w', grant.Permissions);
        Assert.DoesNotContain('r', grant.Permissions);
        Assert.DoesNotContain('d', grant.Permissions);
        Assert.Equal(Now.AddMinutes(10), grant.ExpiresOn);
        Assert.True(grant.StartsOn < Now);
    }

    [Fact]
    public void ForRead_GrantsReadOnly_WithDownloadNameAndType()
    {
        var grant = AttachmentBlobPolicy.ForRead("d_x/a_1", "report.pdf", "application/pdf", Now, Now.AddMinutes(15));

        Assert.Equal("r", grant.Permissions);
        Assert.Equal("application/pdf", grant.ContentType);
        Assert.StartsWith("attachment; filename=\"report.pdf\"", grant.ContentDisposition, StringComparison.Ordinal);
    }

    [Fact]
    public void Grants_NeverLastLongerThanADay()
    {
        var grant = AttachmentBlobPolicy.ForRead("b", "f", "image/png", Now, Now.AddDays(30));

        Assert.Equal(Now.AddDays(1), grant.ExpiresOn);
    }

    [Theory]
    [InlineData("photo.png", "image/png", "inline; filename=\"photo.png\"; filename*=UTF-8''photo.png")]
    [InlineData("a\"b;c.pdf", "application/pdf", "attachment; filename=\"a_b_c.pdf\"; filename*=UTF-8''a%22b%3Bc.pdf")]
    [InlineData("résumé.pdf", "application/pdf", "attachment; filename=\"r_sum_.pdf\"; filename*=UTF-8''r%C3%A9sum%C3%A9.pdf")]
    public void ContentDisposition_CannotBeBrokenByTheFileName(string fileName, string contentType, string expected) =>
        Assert.Equal(expected, AttachmentBlobPolicy.ContentDisposition(fileName, contentType));

    [Fact]
    public void UploadHeaders_TagTheBlobAsPending_ForTheLifecycleRule()
    {
        var headers = AttachmentBlobPolicy.UploadHeaders("image/png");

        Assert.Equal("BlockBlob", headers["x-ms-blob-type"]);
        Assert.Equal("image/png", headers["Content-Type"]);
        Assert.Equal("chat-state=pending", headers["x-ms-tags"]);
        Assert.Equal("attached", AttachmentBlobPolicy.Tags(attached: true)["chat-state"]);
    }

    [Fact]
    public void NeedsNewDelegationKey_WhenNoneOrItExpiresBeforeTheGrant()
    {
        Assert.True(AttachmentBlobPolicy.NeedsNewDelegationKey(null, Now));
        Assert.True(AttachmentBlobPolicy.NeedsNewDelegationKey(Now.AddMinutes(10), Now.AddMinutes(10)));
        Assert.False(AttachmentBlobPolicy.NeedsNewDelegationKey(Now.AddHours(1), Now.AddMinutes(10)));
    }
}
