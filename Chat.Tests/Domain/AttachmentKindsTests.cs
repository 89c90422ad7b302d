using Chat.Shared.Domain;

namespace Chat.Tests.Domain;

public sealed class AttachmentKindsTests
{
    [Theory]
    [InlineData(MessageType.Image, new[] { AttachmentKind.Image, AttachmentKind.Image })]
    [InlineData(MessageType.Video, new[] { AttachmentKind.Video })]
    [InlineData(MessageType.Audio, new[] { AttachmentKind.Audio })]
    [InlineData(MessageType.File, new[] { AttachmentKind.Image, AttachmentKind.File, AttachmentKind.Audio })]
    [InlineData(MessageType.Image, new AttachmentKind[0])]
    public void EnsureTypeAgrees_Accepts_AttachmentsOfTheTypesKind(MessageType type, AttachmentKind[] kinds) =>
        AttachmentKinds.EnsureTypeAgrees(type, kinds);

    [Theory]
    [InlineData(MessageType.Image, new[] { AttachmentKind.File })]
    [InlineData(MessageType.Image, new[] { AttachmentKind.Image, AttachmentKind.Video })]
    [InlineData(MessageType.Video, new[] { AttachmentKind.Image })]
    [InlineData(MessageType.Audio, new[] { AttachmentKind.Video })]
    public void EnsureTypeAgrees_Refuses_AnAttachmentOfAnotherKind(MessageType type, AttachmentKind[] kinds)
    {
        var error = Assert.Throws<ChatException>(() => AttachmentKinds.EnsureTypeAgrees(type, kinds));

        Assert.Equal(ErrorCodes.AttachmentKindMismatch, error.Error.Code);
        Assert.Equal(["type"], error.Error.FieldErrors!.Keys);
    }

    [Theory]
    [InlineData(new[] { AttachmentKind.Image }, MessageType.Image)]
    [InlineData(new[] { AttachmentKind.Audio, AttachmentKind.Audio }, MessageType.Audio)]
    [InlineData(new[] { AttachmentKind.Image, AttachmentKind.File }, MessageType.File)]
    [InlineData(new AttachmentKind[0], MessageType.Text)]
    public void DefaultMessageType_IsTheCommonKindsType_ElseFile(AttachmentKind[] kinds, MessageType expected) =>
        Assert.Equal(expected, AttachmentKinds.DefaultMessageType(kinds));
}
