namespace Chat.Shared.Domain;

/// <summary>What kind of failure a <see cref="ChatError"/> is; the HTTP layer maps it to a status code.</summary>
public enum ChatErrorKind
{
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Gone,
    PayloadTooLarge,
    UnsupportedMediaType,
    Unavailable,
}

/// <summary>A failure with a stable machine-readable <see cref="Code"/> (for example <c>message.delete_window_expired</c>).</summary>
public sealed record ChatError(
    ChatErrorKind Kind,
    string Code,
    string Detail,
    IReadOnlyDictionary<string, string[]>? FieldErrors = null);

/// <summary>Thrown by the core for every expected failure; never carries message content or tokens.</summary>
public sealed class ChatException(ChatError error) : Exception(error.Detail)
{
    public ChatError Error { get; } = error;

    public static ChatException Validation(string code, string field, string detail) =>
        new(new ChatError(ChatErrorKind.Validation, code, detail, new Dictionary<string, string[]> { [field] = [detail] }));

    public static ChatException NotFound(string code, string detail) => new(new ChatError(ChatErrorKind.NotFound, code, detail));

    public static ChatException Forbidden(string code, string detail) => new(new ChatError(ChatErrorKind.Forbidden, code, detail));

    public static ChatException Conflict(string code, string detail) => new(new ChatError(ChatErrorKind.Conflict, code, detail));

    public static ChatException TooLarge(string code, string field, string detail) =>
        new(new ChatError(ChatErrorKind.PayloadTooLarge, code, detail, new Dictionary<string, string[]> { [field] = [detail] }));

    public static ChatException Gone(string code, string detail) => new(new ChatError(ChatErrorKind.Gone, code, detail));

    public static ChatException Unavailable(string code, string detail) => new(new ChatError(ChatErrorKind.Unavailable, code, detail));
}
