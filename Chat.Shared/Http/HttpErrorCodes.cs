namespace Chat.Shared.Http;

/// <summary>
/// Stable codes of failures the HTTP layer detects before the core sees a request (the core's own codes are in
/// <see cref="Domain.ErrorCodes"/>). Clients switch on these; never rename one.
/// </summary>
public static class HttpErrorCodes
{
    public const string MissingToken = "auth.missing_token";
    public const string InvalidToken = "auth.invalid_token";
    public const string TokenExpired = "auth.token_expired";
    public const string KeysUnavailable = "auth.keys_unavailable";
    public const string ServerRoleRequired = "auth.server_role_required";
    public const string UserRequired = "auth.user_required";

    public const string InvalidJson = "request.invalid_json";
    public const string BodyRequired = "request.body_required";
    public const string BodyTooLarge = "request.body_too_large";
    public const string UnreadableBody = "request.unreadable_body";
    public const string UnsupportedMediaType = "request.unsupported_media_type";
    public const string InvalidMultipart = "request.invalid_multipart";
    public const string UnknownField = "request.unknown_field";
    public const string DuplicateField = "request.duplicate_field";
    public const string FileRequired = "request.file_required";
    public const string TooManyFiles = "request.too_many_files";
    public const string DuplicateQueryParameter = "request.duplicate_query_parameter";
    public const string InvalidQueryParameter = "request.invalid_query_parameter";
    public const string RouteNotFound = "request.route_not_found";
    public const string MethodNotAllowed = "request.method_not_allowed";
}
