namespace Chat.Shared.Domain;

/// <summary>Every stable error code the core produces. Clients switch on these; never rename one.</summary>
public static class ErrorCodes
{
    public const string ConversationNotFound = "conversation.not_found";
    public const string ParticipantsRequired = "conversation.participants_required";
    public const string TooManyParticipants = "conversation.too_many_participants";
    public const string InvalidParticipantId = "conversation.invalid_participant_id";
    public const string TitleTooLong = "conversation.title_too_long";
    public const string InvalidTitle = "conversation.invalid_title";
    public const string ConversationClosed = "conversation.closed";
    public const string InvalidKey = "conversation.invalid_key";
    public const string KeyInUse = "conversation.key_in_use";
    public const string NotAGroup = "conversation.not_a_group";
    public const string RoleRequired = "conversation.role_required";
    public const string LastOwner = "conversation.last_owner";
    public const string TitleNotAllowed = "conversation.title_not_allowed";
    public const string NothingToChange = "conversation.nothing_to_change";

    public const string ParticipantNotFound = "participant.not_found";
    public const string InvalidRole = "participant.invalid_role";
    public const string DuplicateParticipant = "participant.duplicate_id";
    public const string TooManyAtOnce = "participant.too_many_at_once";

    public const string InvalidReaction = "reaction.invalid";
    public const string ReactionNotAllowed = "reaction.not_allowed";
    public const string ReactionLimitReached = "reaction.limit_reached";

    public const string InvalidMuted = "me.invalid_muted";

    public const string MessageNotFound = "message.not_found";
    public const string ContentRequired = "message.content_required";
    public const string ContentTooLong = "message.content_too_long";
    public const string InvalidContent = "message.invalid_content";
    public const string InvalidMessageType = "message.invalid_type";
    public const string TypeNotAllowed = "message.type_not_allowed";
    public const string AttachmentRequired = "message.attachment_required";
    public const string LocationRequired = "message.location_required";
    public const string ReplyNotFound = "message.reply_not_found";
    public const string InvalidClientMessageId = "message.invalid_client_message_id";
    public const string NotSender = "message.not_sender";
    public const string EditWindowExpired = "message.edit_window_expired";
    public const string DeleteWindowExpired = "message.delete_window_expired";
    public const string MessageDeleted = "message.deleted";
    public const string NotEditable = "message.not_editable";
    public const string TooManyAttachments = "message.too_many_attachments";
    public const string AttachmentKindMismatch = "message.attachment_kind_mismatch";

    public const string AttachmentNotFound = "attachment.not_found";
    public const string AttachmentAlreadyUsed = "attachment.already_used";
    public const string AttachmentNotUploaded = "attachment.not_uploaded";
    public const string AttachmentSizeMismatch = "attachment.size_mismatch";
    public const string AttachmentTooLarge = "attachment.too_large";
    public const string AttachmentEmpty = "attachment.empty";
    public const string ContentTypeNotAllowed = "attachment.content_type_not_allowed";
    public const string InvalidFileName = "attachment.invalid_file_name";
    public const string AttachmentExpired = "attachment.expired";

    public const string MetadataTooManyKeys = "metadata.too_many_keys";
    public const string MetadataInvalid = "metadata.invalid";

    public const string InvalidId = "request.invalid_id";
    public const string InvalidCursor = "request.invalid_cursor";
    public const string InvalidLimit = "request.invalid_limit";
    public const string ConflictingCursors = "request.conflicting_cursors";

    public const string SyncTokenExpired = "sync.token_expired";

    public const string PresenceUserIdsRequired = "presence.user_ids_required";
    public const string PresenceTooManyUserIds = "presence.too_many_user_ids";
    public const string UserNotFound = "user.not_found";
    public const string InvalidDisplayName = "user.invalid_display_name";
    public const string InvalidAvatarUrl = "user.invalid_avatar_url";
    public const string ErasureInProgress = "user.erasure_in_progress";
    public const string InvalidPrefix = "user.invalid_prefix";
    public const string UserQueryRequired = "user.query_required";
    public const string TooManyUserIds = "user.too_many_ids";
    public const string FilterRequired = "conversation.filter_required";
    public const string InvalidSystemEvent = "message.invalid_system_event";

    public const string ConcurrencyExhausted = "store.concurrency_exhausted";
    public const string StoreUnavailable = "store.unavailable";
}
