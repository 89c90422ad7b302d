namespace Chat.Shared.Http;

/// <summary>Size limits of request parts the HTTP layer reads itself.</summary>
public static class HttpLimits
{
    /// <summary>A JSON body (the largest, a send with 4000 characters of content and full metadata, stays far below).</summary>
    public const int MaxJsonBytes = 64 * 1024;

    /// <summary>One text field of a multipart send.</summary>
    public const int MaxFormFieldBytes = 64 * 1024;

    /// <summary>Multipart headers and boundaries on top of the file and fields.</summary>
    public const int MultipartOverheadBytes = 64 * 1024;

    /// <summary>Sections a multipart send may have (four fields and one file).</summary>
    public const int MaxFormSections = 5;
}
