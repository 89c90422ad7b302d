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

    /// <summary>Bodies smaller than this are sent as they are (compressing them saves less than the headers cost).</summary>
    public const int MinCompressedBytes = 1024;

    /// <summary>The longest piece of client input a problem body echoes (a property path, a field or parameter name).</summary>
    public const int MaxEchoedInputLength = 64;
}
