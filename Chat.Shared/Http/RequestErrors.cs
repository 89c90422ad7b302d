using Chat.Shared.Domain;

namespace Chat.Shared.Http;

/// <summary>The HTTP layer's own failures, as <see cref="ChatException"/> so one mapping turns every failure into a problem.</summary>
internal static class RequestErrors
{
    public static ChatException InvalidJson(string? path) =>
        Field(ChatErrorKind.Validation, HttpErrorCodes.InvalidJson, FieldName(path),
            "The body is not valid JSON for this operation: malformed JSON, a value of the wrong type, a missing required property or an unknown property.");

    public static ChatException BodyRequired() =>
        new(new ChatError(ChatErrorKind.Validation, HttpErrorCodes.BodyRequired, "This operation needs a JSON object body."));

    public static ChatException BodyTooLarge(long limit) =>
        new(new ChatError(ChatErrorKind.PayloadTooLarge, HttpErrorCodes.BodyTooLarge, $"The request body is limited to {limit} bytes."));

    public static ChatException UnsupportedMediaType(string expected) =>
        new(new ChatError(ChatErrorKind.UnsupportedMediaType, HttpErrorCodes.UnsupportedMediaType, $"Send the body as {expected}."));

    public static ChatException Unreadable() =>
        new(new ChatError(ChatErrorKind.Validation, HttpErrorCodes.UnreadableBody, "The request body could not be read."));

    public static ChatException InvalidMultipart(string detail) =>
        new(new ChatError(ChatErrorKind.Validation, HttpErrorCodes.InvalidMultipart, detail));

    public static ChatException Field(ChatErrorKind kind, string code, string field, string detail) =>
        new(new ChatError(kind, code, detail, new Dictionary<string, string[]> { [field] = [detail] }));

    /// <summary>A client-chosen name echoed back in a problem (<see cref="ChatProblems.Echo"/>), or the fallback for an empty one.</summary>
    public static string SafeName(string name, string fallback) => name.Length == 0 ? fallback : ChatProblems.Echo(name);

    /// <summary>
    /// <c>$.participantIds[0]</c> → <c>participantIds[0]</c>, <c>$['a b']</c> → <c>['a b']</c>; the whole body is <c>$</c>.
    /// The problem echoes it through <see cref="ChatProblems.Echo"/>.
    /// </summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$"
        : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
        : path.StartsWith("$[", StringComparison.Ordinal) ? path[1..]
        : path;
}
