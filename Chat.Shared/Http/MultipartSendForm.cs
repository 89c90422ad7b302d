using System.Text;
using Chat.Shared.Contracts;
using Chat.Shared.Domain;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Chat.Shared.Http;

/// <summary>
/// The multipart form of send (<c>multipart/form-data</c>): fields <c>content</c>, <c>type</c>, <c>replyToId</c>,
/// <c>clientMessageId</c> and exactly one <c>file</c> part, streamed section by section. The file is buffered (at
/// most <see cref="ChatOptions.MaxMultipartBytes"/>) because the core needs its size before storing it.
/// </summary>
public sealed class MultipartSendForm : IDisposable
{
    public const string FileField = "file";

    private static readonly string[] TextFields = ["content", "type", "replyToId", "clientMessageId"];
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly MemoryStream _file;

    private MultipartSendForm(SendMessageRequest request, string? fileName, string? contentType, MemoryStream file)
    {
        Request = request;
        _file = file;
        File = new UploadedFile(fileName, contentType, file.Length, file);
    }

    public SendMessageRequest Request { get; }

    public UploadedFile File { get; }

    public static bool IsMultipart(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase);

    public static async Task<MultipartSendForm> ReadAsync(HttpRequest request, ChatOptions options, CancellationToken cancellationToken)
    {
        var totalLimit = options.MaxMultipartBytes + HttpLimits.MultipartOverheadBytes;
        if (request.ContentLength > totalLimit)
        {
            throw RequestErrors.BodyTooLarge(totalLimit);
        }

        var reader = new MultipartReader(Boundary(request.ContentType), request.Body)
        {
            HeadersCountLimit = 8,
            HeadersLengthLimit = 8 * 1024,
            // Every section is read through RequestBody.CopyLimitedAsync with its own limit (413, not a reader error).
            BodyLengthLimit = null,
        };

        try
        {
            return await ReadSectionsAsync(reader, options, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or DecoderFallbackException)
        {
            throw RequestErrors.InvalidMultipart("The multipart body is malformed.");
        }
        catch (BadHttpRequestException ex)
        {
            throw ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? RequestErrors.BodyTooLarge(totalLimit) : RequestErrors.Unreadable();
        }
    }

    public void Dispose() => _file.Dispose();

    private static async Task<MultipartSendForm> ReadSectionsAsync(MultipartReader reader, ChatOptions options, CancellationToken cancellationToken)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        MemoryStream? file = null;
        string? fileName = null;
        string? fileType = null;
        try
        {
            var sections = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++sections > HttpLimits.MaxFormSections)
                {
                    throw RequestErrors.InvalidMultipart($"A multipart send has at most {HttpLimits.MaxFormSections} parts.");
                }

                var disposition = Disposition(section);
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    if (name != FileField)
                    {
                        throw UnknownField(name);
                    }

                    if (file is not null)
                    {
                        throw RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.TooManyFiles, FileField, "Send exactly one file part.");
                    }

                    fileName = FileName(disposition);
                    fileType = section.ContentType;
                    file = await BufferFileAsync(section.Body, options.MaxMultipartBytes, cancellationToken);
                    continue;
                }

                if (!TextFields.Contains(name, StringComparer.Ordinal))
                {
                    throw UnknownField(name);
                }

                if (!fields.TryAdd(name, await ReadFieldAsync(section.Body, name, cancellationToken)))
                {
                    throw RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.DuplicateField, name, "A field appears more than once.");
                }
            }

            if (file is null)
            {
                throw RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.FileRequired, FileField,
                    "A multipart send carries exactly one 'file' part; send JSON for a message without a file.");
            }

            var request = new SendMessageRequest(
                ClientMessageId: fields.GetValueOrDefault("clientMessageId"),
                Content: fields.GetValueOrDefault("content"),
                Type: fields.GetValueOrDefault("type"),
                ReplyToId: fields.GetValueOrDefault("replyToId"));
            var form = new MultipartSendForm(request, fileName, fileType, file);
            file = null;
            return form;
        }
        finally
        {
            file?.Dispose();
        }
    }

    private static string Boundary(string? contentType)
    {
        var boundary = MediaTypeHeaderValue.TryParse(contentType, out var media) ? HeaderUtilities.RemoveQuotes(media.Boundary).Value : null;
        return string.IsNullOrWhiteSpace(boundary) || boundary.Length > 70
            ? throw RequestErrors.InvalidMultipart("The multipart content type needs a boundary of 1 to 70 characters.")
            : boundary;
    }

    private static ContentDispositionHeaderValue Disposition(MultipartSection section) =>
        ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
        && disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase)
        && !Microsoft.Extensions.Primitives.StringSegment.IsNullOrEmpty(disposition.Name)
            ? disposition
            : throw RequestErrors.InvalidMultipart("Every part needs 'Content-Disposition: form-data' with a name.");

    /// <summary>The client's file name as sent (RFC 5987 <c>filename*</c> first); the core sanitises it.</summary>
    private static string? FileName(ContentDispositionHeaderValue disposition)
    {
        var name = disposition.FileNameStar.HasValue ? disposition.FileNameStar : HeaderUtilities.RemoveQuotes(disposition.FileName);
        return name.HasValue ? name.Value : null;
    }

    private static async Task<MemoryStream> BufferFileAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        var buffer = new MemoryStream();
        try
        {
            if (!await RequestBody.CopyLimitedAsync(body, buffer, limit, cancellationToken))
            {
                throw ChatException.TooLarge(ErrorCodes.AttachmentTooLarge, FileField, $"Files sent with a message are limited to {limit} bytes.");
            }

            buffer.Position = 0;
            return buffer;
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }
    }

    private static async Task<string> ReadFieldAsync(Stream body, string name, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        if (!await RequestBody.CopyLimitedAsync(body, buffer, HttpLimits.MaxFormFieldBytes, cancellationToken))
        {
            throw RequestErrors.Field(ChatErrorKind.PayloadTooLarge, HttpErrorCodes.BodyTooLarge, name,
                $"A form field is limited to {HttpLimits.MaxFormFieldBytes} bytes.");
        }

        return StrictUtf8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static ChatException UnknownField(string name) =>
        RequestErrors.Field(ChatErrorKind.Validation, HttpErrorCodes.UnknownField, RequestErrors.SafeName(name, "form"),
            "Multipart sends accept 'content', 'type', 'replyToId', 'clientMessageId' and one 'file'.");
}
