using System.Net.Http.Headers;
using System.Text;

namespace Chat.Tests.Http;

/// <summary>
/// Bad requests of every shape, per route. Paths use <c>{c}</c>, <c>{m}</c> and <c>{a}</c> for the fixture's
/// conversation, message and attachment. An expected status or code of null means "any 4xx / any code".
/// </summary>
public static class BadInputCases
{
    private const string Conversations = "/api/conversations";
    private const string Conversation = "/api/conversations/{c}";
    private const string Messages = "/api/conversations/{c}/messages";
    private const string Message = "/api/conversations/{c}/messages/{m}";
    private const string Read = "/api/conversations/{c}/read";
    private const string Delivered = "/api/conversations/{c}/delivered";
    private const string Typing = "/api/conversations/{c}/typing";
    private const string Attachments = "/api/conversations/{c}/attachments";
    private const string Attachment = "/api/conversations/{c}/attachments/{a}";
    private const string Group = "/api/conversations/{g}";
    private const string GroupParticipants = "/api/conversations/{g}/participants";
    private const string Reaction = "/api/conversations/{c}/messages/{m}/reactions/";

    public static readonly IReadOnlyDictionary<string, BadInput> All = Build();

    private static Dictionary<string, BadInput> Build()
    {
        var cases = new Dictionary<string, BadInput>(StringComparer.Ordinal);
        void Add(string name, HttpMethod method, string path, Func<HttpContent?>? content, int? status, string? code) =>
            cases.Add(name, new BadInput(method, path, content, status, code));
        void Post(string name, string path, string json, int? status, string? code) => Add(name, HttpMethod.Post, path, () => Json(json), status, code);
        void Get(string name, string path, int? status, string? code) => Add(name, HttpMethod.Get, path, null, status, code);

        // Create conversation: JSON shape.
        Post("create: malformed json", Conversations, """{"participantIds":["bob"]""", 400, "request.invalid_json");
        Post("create: array body", Conversations, """[{"participantIds":["bob"]}]""", 400, "request.invalid_json");
        Post("create: string body", Conversations, "\"bob\"", 400, "request.invalid_json");
        Post("create: null body", Conversations, "null", 400, "request.body_required");
        Post("create: empty body", Conversations, "", 400, "request.body_required");
        Post("create: participants as string", Conversations, """{"participantIds":"bob"}""", 400, "request.invalid_json");
        Post("create: participants as numbers", Conversations, """{"participantIds":[1,2]}""", 400, "request.invalid_json");
        Post("create: unknown field", Conversations, """{"participantIds":["bob"],"isAdmin":true}""", 400, "request.invalid_json");
        Post("create: missing participants", Conversations, "{}", 400, "request.invalid_json");
        Post("create: trailing comma", Conversations, """{"participantIds":["bob"],}""", 400, "request.invalid_json");
        Post("create: comment", Conversations, """{/* hi */"participantIds":["bob"]}""", 400, "request.invalid_json");
        Post("create: duplicate property", Conversations, """{"participantIds":["bob"],"participantIds":["carol"]}""", 400, "request.invalid_json");
        Post("create: deep nesting", Conversations, "{\"metadata\":" + new string('[', 40) + new string(']', 40) + "}", 400, "request.invalid_json");
        Post("create: title as number", Conversations, """{"participantIds":["bob"],"title":5}""", 400, "request.invalid_json");
        Post("create: metadata value as number", Conversations, """{"participantIds":["bob"],"metadata":{"k":1}}""", 400, "request.invalid_json");
        Add("create: invalid utf-8", HttpMethod.Post, Conversations, () => RawJson([.. "{\"participantIds\":[\""u8, 0xC3, 0x28, .. "\"]}"u8]), 400, null);
        // Create conversation: rules.
        Post("create: no participants", Conversations, """{"participantIds":[]}""", 400, "conversation.participants_required");
        Post("create: only self", Conversations, """{"participantIds":["alice"]}""", 400, "conversation.participants_required");
        Post("create: too many participants", Conversations, Participants(101), 400, "conversation.too_many_participants");
        Post("create: participant with slash", Conversations, """{"participantIds":["../bob"]}""", 400, "conversation.invalid_participant_id");
        Post("create: participant too long", Conversations, $$"""{"participantIds":["{{new string('b', 129)}}"]}""", 400, "conversation.invalid_participant_id");
        Post("create: participant unicode", Conversations, """{"participantIds":["bób"]}""", 400, "conversation.invalid_participant_id");
        Post("create: participant null", Conversations, """{"participantIds":[null]}""", 400, null);
        Post("create: participant empty", Conversations, """{"participantIds":[""]}""", 400, "conversation.invalid_participant_id");
        Post("create: title too long", Conversations, $$"""{"participantIds":["bob"],"title":"{{new string('t', 201)}}"}""", 400, "conversation.title_too_long");
        Post("create: title control char", Conversations, """{"participantIds":["bob"],"title":"a\u0007b"}""", 400, "conversation.invalid_title");
        Post("create: metadata too many keys", Conversations, $$"""{"participantIds":["bob"],"metadata":{{Metadata(17)}}}""", 400, "metadata.too_many_keys");
        Post("create: metadata value too long", Conversations, $$$"""{"participantIds":["bob"],"metadata":{"k":"{{{new string('v', 257)}}}"}}""", 400, "metadata.invalid");
        Post("create: empty key", Conversations, """{"participantIds":["bob","carol"],"key":""}""", 400, "conversation.invalid_key");
        Post("create: key of 129", Conversations, $$"""{"participantIds":["bob","carol"],"key":"{{new string('k', 129)}}"}""", 400, "conversation.invalid_key");
        Post("create: key with a tab", Conversations, """{"participantIds":["bob"],"key":"order\t1"}""", 400, "conversation.invalid_key");
        Post("create: key not a string", Conversations, """{"participantIds":["bob"],"key":12}""", 400, null);
        Post("create: metadata key too long", Conversations, $$$"""{"participantIds":["bob"],"metadata":{"{{{new string('k', 65)}}}":"v"}}""", 400, "metadata.invalid");
        Post("create: metadata null value", Conversations, """{"participantIds":["bob"],"metadata":{"k":null}}""", 400, null);
        // Create conversation: transport.
        Add("create: text/plain", HttpMethod.Post, Conversations, () => new StringContent("""{"participantIds":["bob"]}""", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        Add("create: no content type", HttpMethod.Post, Conversations, () => Typed("""{"participantIds":["bob"]}""", null), 415, "request.unsupported_media_type");
        Add("create: latin1 charset", HttpMethod.Post, Conversations, () => Typed("""{"participantIds":["bob"]}""", "application/json; charset=iso-8859-1"), 415, "request.unsupported_media_type");
        Add("create: form urlencoded", HttpMethod.Post, Conversations, () => Typed("participantIds=bob", "application/x-www-form-urlencoded"), 415, "request.unsupported_media_type");
        Post("create: oversize body", Conversations, $$"""{"participantIds":["bob"],"title":"{{new string('x', 70_000)}}"}""", 413, "request.body_too_large");
        Add("create: oversize chunked body", HttpMethod.Post, Conversations, () => new UnknownLengthContent(new byte[200_000], "application/json"), 413, "request.body_too_large");
        Add("multipart: oversize chunked file", HttpMethod.Post, Messages, () => new UnknownLengthContent(
            [.. "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"u8,
             .. new byte[ChatApiHost.MaxMultipartBytes + 10], .. "\r\n--xyz--\r\n"u8], "multipart/form-data; boundary=xyz"), 413, "attachment.too_large");
        Add("multipart: chunked file far too large", HttpMethod.Post, Messages, () => new UnknownLengthContent(
            [.. "--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\nContent-Type: image/png\r\n\r\n"u8,
             .. new byte[3 * ChatApiHost.MaxMultipartBytes], .. "\r\n--xyz--\r\n"u8], "multipart/form-data; boundary=xyz"), 413, "attachment.too_large");
        Post("create: duplicate query key", Conversations + "?x=1&x=2", """{"participantIds":["bob"]}""", 400, "request.duplicate_query_parameter");

        // List conversations.
        Get("list: limit 0", Conversations + "?limit=0", 400, "request.invalid_limit");
        Get("list: limit 101", Conversations + "?limit=101", 400, "request.invalid_limit");
        Get("list: limit abc", Conversations + "?limit=abc", 400, "request.invalid_limit");
        Get("list: limit negative", Conversations + "?limit=-1", 400, "request.invalid_limit");
        Get("list: limit decimal", Conversations + "?limit=1.5", 400, "request.invalid_limit");
        Get("list: limit overflow", Conversations + "?limit=99999999999", 400, "request.invalid_limit");
        Get("list: limit empty", Conversations + "?limit=", 400, "request.invalid_limit");
        Get("list: limit twice", Conversations + "?limit=1&limit=2", 400, "request.duplicate_query_parameter");
        Get("list: cursor garbage", Conversations + "?cursor=%21%21%21", 400, "request.invalid_cursor");
        Get("list: cursor empty", Conversations + "?cursor=", 400, "request.invalid_cursor");
        Get("list: cursor wrong content", Conversations + "?cursor=aGVsbG8", 400, "request.invalid_cursor");

        // Conversation ids in the path.
        Get("get: id over 64 chars", "/api/conversations/" + new string('c', 65), 400, "request.invalid_id");
        Get("get: encoded slash traversal", "/api/conversations/..%2F..%2Funread", 400, "request.invalid_id");
        Get("get: encoded dot dot segment", "/api/conversations/%2E%2E%2Fx", 400, "request.invalid_id");
        Get("get: unicode id", "/api/conversations/%C3%A9t%C3%A9", 400, "request.invalid_id");
        Get("get: dotted id", "/api/conversations/a.b", 400, "request.invalid_id");
        Get("get: control char in id", "/api/conversations/a%01b", 400, "request.invalid_id");
        Get("get: space in id", "/api/conversations/a%20b", 400, "request.invalid_id");
        Get("get: unknown id", "/api/conversations/d_unknown", 404, "conversation.not_found");

        // Ids that end in a newline ($ in .NET also matches before a final \n): refused before any store call.
        Get("ids: conversation id with trailing newline", Conversation + "%0A", 400, "request.invalid_id");
        Get("ids: conversation id with trailing CRLF", Conversation + "%0D%0A", 400, "request.invalid_id");
        Get("ids: 65th character a newline", "/api/conversations/" + new string('c', 64) + "%0A", 400, "request.invalid_id");
        Post("ids: send into conversation id with newline", "/api/conversations/{c}%0A/messages", """{"content":"x"}""", 400, "request.invalid_id");
        Add("ids: edit message id with newline", HttpMethod.Patch, Message + "%0A", () => Json("""{"content":"x"}"""), 400, "request.invalid_id");
        Add("ids: delete message id with newline", HttpMethod.Delete, Message + "%0A", null, 400, "request.invalid_id");
        Get("ids: attachment id in path with newline", Attachment + "%0A", 400, "request.invalid_id");
        Post("ids: replyToId with newline", Messages, """{"content":"x","replyToId":"m_unknown\n"}""", 400, "request.invalid_id");
        Post("ids: attachmentIds with newline", Messages, """{"attachmentIds":["a_unknown\n"]}""", 400, "request.invalid_id");
        Post("ids: read messageId with newline", Read, """{"messageId":"m_unknown\n"}""", 400, "request.invalid_id");
        Post("ids: delivered messageId with CRLF", Delivered, """{"messageId":"m_unknown\r\n"}""", 400, "request.invalid_id");
        Add("ids: multipart replyToId with newline", HttpMethod.Post, Messages, () => Form(("replyToId", "m_unknown\n"), file: File("a.png", "image/png", 3)), 400, "request.invalid_id");
        Get("ids: list cursor carrying a newline", Conversations + "?cursor=" + ConversationCursor("d_unknown\n"), 400, "request.invalid_cursor");
        Get("ids: history cursor with newline", Messages + "?before=5%0A", 400, "request.invalid_cursor");

        // Input a problem would echo: trimmed to a short, markup-free piece whatever its size.
        Post("echo: 50,000-character property name", Conversations, $$"""{"{{new string('p', 50_000)}}":1}""", 400, "request.invalid_json");
        Post("echo: 50,000-character nested property name", Messages, $$$"""{"metadata":{"k":"v"},"{{{new string('n', 50_000)}}}":{"x":1}}""", 400, "request.invalid_json");
        Post("echo: markup in property name", Conversations, """{"participantIds":["bob"],"<script>alert(1)</script>":1}""", 400, "request.invalid_json");
        Post("echo: quotes and backslashes in property name", Conversations, """{"participantIds":["bob"],"a\"b\\c'd`e":1}""", 400, "request.invalid_json");
        Post("echo: long metadata key with wrong value type", Conversations, $$$"""{"participantIds":["bob"],"metadata":{"{{{new string('k', 40_000)}}}":5}}""", 400, "request.invalid_json");
        Get("echo: markup in duplicate query key", Conversations + "?%3Cimg%20src%3Dx%3E=1&%3Cimg%20src%3Dx%3E=2", 400, "request.duplicate_query_parameter");
        Get("echo: 10,000-character duplicate query key", Conversations + $"?{new string('q', 10_000)}=1&{new string('q', 10_000)}=2", 400, "request.duplicate_query_parameter");
        Add("echo: markup in multipart field name", HttpMethod.Post, Messages, () => Form(("<b onmouseover=x>", "v"), file: File("a.png", "image/png", 3)), 400, "request.unknown_field");
        Add("echo: 5,000-character multipart field name", HttpMethod.Post, Messages, () => Form((new string('f', 5_000), "v"), file: File("a.png", "image/png", 3)), 400, null);

        // Unknown routes and methods: the API's problem shape, never an empty 404/405.
        Get("route: unknown path", "/api/nope", 404, "request.route_not_found");
        Get("route: unknown nested path", Message + "/extra", 404, "request.route_not_found");
        Get("route: path with a file extension", "/api/conversations.json", 404, "request.route_not_found");
        Get("route: long unknown path", "/api/" + new string('x', 2_000), 404, "request.route_not_found");
        Post("route: POST to a GET-only route", "/api/unread", "{}", 405, "request.method_not_allowed");
        Add("route: DELETE on the conversation list", HttpMethod.Delete, Conversations, null, 405, "request.method_not_allowed");
        Add("route: PUT on a message", HttpMethod.Put, Message, () => Json("""{"content":"x"}"""), 405, "request.method_not_allowed");
        Get("route: GET on typing", Typing, 405, "request.method_not_allowed");
        Get("route: GET on read-all", "/api/read-all", 405, "request.method_not_allowed");
        Post("read-all: duplicate query key", "/api/read-all?x=1&x=2", "{}", 400, "request.duplicate_query_parameter");
        Post("read-all: duplicate query key, keys differ in case", "/api/read-all?since=1&SINCE=2", "{}", 400, "request.duplicate_query_parameter");
        Add("route: PUT on a conversation", HttpMethod.Put, Conversation, () => Json("""{"title":"x"}"""), 405, "request.method_not_allowed");
        Add("route: OPTIONS on messages", HttpMethod.Options, Messages, null, 405, "request.method_not_allowed");
        Add("route: custom method", new HttpMethod("PURGE"), Messages, null, 405, "request.method_not_allowed");

        // Content rules: what a user sees, not UTF-16 units; metadata without control characters; type agrees with attachments.
        Post("content: only zero-width spaces", Messages, """{"content":"\u200B\u200B\u200B"}""", 400, "message.content_required");
        Post("content: only invisible characters", Messages, """{"content":"\u200B\u200C\u200D\u2060\uFEFF\u3164\u115F\u2800\uFE0F\u00A0\u3000\u180E"}""", 400, "message.content_required");
        Post("content: invisible characters around white space", Messages, """{"content":" \u200B\n\t\u2028\u200B "}""", 400, "message.content_required");
        Post("content: only bidi controls", Messages, """{"content":"\u202E\u2066\u2069\u200E\u200F\u061C"}""", 400, "message.content_required");
        Add("content: edit to zero-width spaces", HttpMethod.Patch, Message, () => Json("""{"content":"\u200B\u200B"}"""), 400, "message.content_required");
        Post("content: 4001 emoji", Messages, $$"""{"content":"{{string.Concat(Enumerable.Repeat("\U0001F600", 4001))}}"}""", 400, "message.content_too_long");
        Post("content: 4001 letters with accents as code points", Messages, $$"""{"content":"{{string.Concat(Enumerable.Repeat("e\u0301", 2001))}}"}""", 400, "message.content_too_long");
        Add("content: edit to 4001 emoji", HttpMethod.Patch, Message, () => Json($$"""{"content":"{{string.Concat(Enumerable.Repeat("\U0001F600", 4001))}}"}"""), 400, "message.content_too_long");
        Post("metadata: value with a newline", Messages, """{"content":"x","metadata":{"k":"a\nb"}}""", 400, "metadata.invalid");
        Post("metadata: value with NUL", Messages, """{"content":"x","metadata":{"k":"a\u0000b"}}""", 400, "metadata.invalid");
        Post("metadata: value with DEL", Messages, """{"content":"x","metadata":{"k":"a\u007Fb"}}""", 400, "metadata.invalid");
        Post("metadata: value with a C1 control", Messages, """{"content":"x","metadata":{"k":"a\u0085b"}}""", 400, "metadata.invalid");
        Post("metadata: conversation value with a tab", Conversations, """{"participantIds":["bob"],"metadata":{"k":"a\tb"}}""", 400, "metadata.invalid");
        Add("metadata: edit value with escape", HttpMethod.Patch, Message, () => Json("""{"content":"x","metadata":{"k":"\u001B[31m"}}"""), 400, "metadata.invalid");
        Post("type: video message with an image", Messages, """{"type":"video","attachmentIds":["{a}"]}""", 400, "message.attachment_kind_mismatch");
        Post("type: audio message with an image", Messages, """{"type":"audio","content":"listen","attachmentIds":["{a}"]}""", 400, "message.attachment_kind_mismatch");
        Add("type: multipart image message with a pdf", HttpMethod.Post, Messages, () => Form(("type", "image"), file: File("a.pdf", "application/pdf", 3)), 400, "message.attachment_kind_mismatch");
        Add("type: multipart video message with audio", HttpMethod.Post, Messages, () => Form(("type", "video"), file: File("a.mp3", "audio/mpeg", 3)), 400, "message.attachment_kind_mismatch");
        Add("type: multipart audio message with an image", HttpMethod.Post, Messages, () => Form(("type", "audio"), ("content", "hi"), file: File("a.png", "image/png", 3)), 400, "message.attachment_kind_mismatch");

        // Send (JSON).
        Post("send: empty object", Messages, "{}", 400, "message.content_required");
        Post("send: whitespace content", Messages, """{"content":"   "}""", 400, "message.content_required");
        Post("send: content too long", Messages, $$"""{"content":"{{new string('x', 4001)}}"}""", 400, "message.content_too_long");
        Post("send: NUL in content", Messages, """{"content":"a\u0000b"}""", 400, "message.invalid_content");
        Post("send: unknown type", Messages, """{"content":"x","type":"sticker"}""", 400, "message.invalid_type");
        Post("send: system type", Messages, """{"content":"x","type":"system"}""", 400, "message.type_not_allowed");
        Post("send: type as number", Messages, """{"content":"x","type":1}""", 400, "request.invalid_json");
        Post("send: content as number", Messages, """{"content":42}""", 400, "request.invalid_json");
        Post("send: content as object", Messages, """{"content":{"text":"x"}}""", 400, "request.invalid_json");
        Post("send: attachmentIds as string", Messages, """{"attachmentIds":"a_1"}""", 400, "request.invalid_json");
        Post("send: unknown attachment", Messages, """{"attachmentIds":["a_unknown"]}""", 400, "attachment.not_found");
        Post("send: attachment id traversal", Messages, """{"attachmentIds":["../a"]}""", 400, "request.invalid_id");
        Post("send: too many attachments", Messages, $$"""{"attachmentIds":[{{string.Join(",", Enumerable.Range(0, 11).Select(i => $"\"a_{i}\""))}}]}""", 400, "message.too_many_attachments");
        Post("send: unknown reply", Messages, """{"content":"x","replyToId":"m_unknown"}""", 400, "message.reply_not_found");
        Post("send: invalid reply id", Messages, """{"content":"x","replyToId":"m/1"}""", 400, "request.invalid_id");
        Post("send: empty client message id", Messages, """{"content":"x","clientMessageId":""}""", 400, "message.invalid_client_message_id");
        Post("send: long client message id", Messages, $$"""{"content":"x","clientMessageId":"{{new string('c', 101)}}"}""", 400, "message.invalid_client_message_id");
        Post("send: control char client message id", Messages, """{"content":"x","clientMessageId":"a\nb"}""", 400, "message.invalid_client_message_id");
        Post("send: metadata too many keys", Messages, $$"""{"content":"x","metadata":{{Metadata(17)}}}""", 400, "metadata.too_many_keys");
        Post("send: metadata value too long", Messages, $$$"""{"content":"x","metadata":{"k":"{{{new string('v', 257)}}}"}}""", 400, "metadata.invalid");
        Post("send: image without attachment", Messages, """{"content":"x","type":"image"}""", 400, "message.attachment_required");
        Post("send: location without coordinates", Messages, """{"type":"location","metadata":{"latitude":"91","longitude":"0"}}""", 400, "message.location_required");
        Post("send: text with attachment", Messages, """{"content":"x","type":"text","attachmentIds":["a_1"]}""", 400, "message.invalid_type");
        Post("send: sender in body", Messages, """{"content":"x","senderId":"bob"}""", 400, "request.invalid_json");
        Post("send: array body", Messages, """[{"content":"x"}]""", 400, "request.invalid_json");
        Add("send: text/plain", HttpMethod.Post, Messages, () => new StringContent("hello", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        Add("send: xml", HttpMethod.Post, Messages, () => Typed("<message>hi</message>", "application/xml"), 415, "request.unsupported_media_type");
        Post("send: oversize body", Messages, $$"""{"content":"{{new string('x', 70_000)}}"}""", 413, "request.body_too_large");
        Post("send: invalid conversation id", "/api/conversations/c%3Bdrop/messages", """{"content":"x"}""", 400, "request.invalid_id");
        Post("send: long conversation id", $"/api/conversations/{new string('c', 65)}/messages", """{"content":"x"}""", 400, "request.invalid_id");

        // Send (multipart).
        Add("multipart: no file", HttpMethod.Post, Messages, () => Form(("content", "x")), 400, "request.file_required");
        Add("multipart: two files", HttpMethod.Post, Messages, () => Form([], files: [File("a.png", "image/png", 3), File("b.png", "image/png", 3)]), 400, "request.too_many_files");
        Add("multipart: unknown field", HttpMethod.Post, Messages, () => Form(("metadata", "{}"), file: File("a.png", "image/png", 3)), 400, "request.unknown_field");
        Add("multipart: duplicate field", HttpMethod.Post, Messages, () => Form(("content", "a"), ("content", "b"), file: File("a.png", "image/png", 3)), 400, "request.duplicate_field");
        Add("multipart: file under another name", HttpMethod.Post, Messages, () => FormNamed("upload"), 400, "request.unknown_field");
        Add("multipart: file too large", HttpMethod.Post, Messages, () => Form(file: File("big.png", "image/png", (int)ChatApiHost.MaxMultipartBytes + 1)), 413, "attachment.too_large");
        Add("multipart: file far too large", HttpMethod.Post, Messages, () => Form(file: File("big.png", "image/png", 3 * (int)ChatApiHost.MaxMultipartBytes)), 413, "request.body_too_large");
        Add("multipart: field too large", HttpMethod.Post, Messages, () => Form(("content", new string('x', 70_000)), file: File("a.png", "image/png", 3)), 413, "request.body_too_large");
        Add("multipart: empty file", HttpMethod.Post, Messages, () => Form(file: File("empty.png", "image/png", 0)), 400, "attachment.empty");
        Add("multipart: disallowed type", HttpMethod.Post, Messages, () => Form(file: File("run.exe", "application/x-msdownload", 3)), 400, "attachment.content_type_not_allowed");
        Add("multipart: file without type", HttpMethod.Post, Messages, () => Form(file: File("a.bin", null, 3)), 400, "attachment.content_type_not_allowed");
        Add("multipart: path-only file name", HttpMethod.Post, Messages, () => Form(file: File("../../", "image/png", 3)), 400, "attachment.invalid_file_name");
        Add("multipart: control-char file name", HttpMethod.Post, Messages, () => Form(file: File("\u0001\u0002", "image/png", 3)), 400, "attachment.invalid_file_name");
        Add("multipart: system type", HttpMethod.Post, Messages, () => Form(("type", "system"), file: File("a.png", "image/png", 3)), 400, "message.type_not_allowed");
        Add("multipart: content too long", HttpMethod.Post, Messages, () => Form(("content", new string('x', 4001)), file: File("a.png", "image/png", 3)), 400, "message.content_too_long");
        Add("multipart: no boundary", HttpMethod.Post, Messages, () => Typed("--x\r\n", "multipart/form-data"), 400, "request.invalid_multipart");
        Add("multipart: truncated", HttpMethod.Post, Messages, () => Typed("--xyz\r\nContent-Disposition: form-data; name=\"content\"\r\n\r\nhel", "multipart/form-data; boundary=xyz"), 400, "request.invalid_multipart");
        Add("multipart: part without disposition", HttpMethod.Post, Messages, () => Typed("--xyz\r\nContent-Type: text/plain\r\n\r\nhi\r\n--xyz--\r\n", "multipart/form-data; boundary=xyz"), 400, "request.invalid_multipart");
        Add("multipart: text type with file", HttpMethod.Post, Messages, () => Form(("type", "text"), ("content", "x"), file: File("a.png", "image/png", 3)), 400, "message.invalid_type");
        Add("multipart: unknown reply", HttpMethod.Post, Messages, () => Form(("replyToId", "m_unknown"), file: File("a.png", "image/png", 3)), 400, "message.reply_not_found");

        // Membership, lifecycle and the caller's own settings (the fixture's group: alice owner, bob and carol members).
        Add("update: empty object", HttpMethod.Patch, Group, () => Json("{}"), 400, "conversation.nothing_to_change");
        Add("update: title too long", HttpMethod.Patch, Group, () => Json($$"""{"title":"{{new string('t', 201)}}"}"""), 400, "conversation.title_too_long");
        Add("update: title with a newline", HttpMethod.Patch, Group, () => Json("""{"title":"a\nb"}"""), 400, "conversation.invalid_title");
        Add("update: title as number", HttpMethod.Patch, Group, () => Json("""{"title":5}"""), 400, "request.invalid_json");
        Add("update: unknown field", HttpMethod.Patch, Group, () => Json("""{"title":"x","ownerId":"bob"}"""), 400, "request.invalid_json");
        Add("update: metadata too many keys", HttpMethod.Patch, Group, () => Json($$"""{"metadata":{{Metadata(17)}}}"""), 400, "metadata.too_many_keys");
        Add("update: title of a direct conversation", HttpMethod.Patch, Conversation, () => Json("""{"title":"x"}"""), 400, "conversation.title_not_allowed");
        Add("update: text/plain", HttpMethod.Patch, Group, () => new StringContent("x", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        Post("add: empty object", GroupParticipants, "{}", 400, "request.invalid_json");
        Post("add: empty list", GroupParticipants, """{"userIds":[]}""", 400, "conversation.participants_required");
        Post("add: ids as string", GroupParticipants, """{"userIds":"dave"}""", 400, "request.invalid_json");
        Post("add: invalid id", GroupParticipants, """{"userIds":["da/ve"]}""", 400, "conversation.invalid_participant_id");
        Post("add: id ending in a newline", GroupParticipants, """{"userIds":["dave\n"]}""", 400, "conversation.invalid_participant_id");
        Post("add: the same id twice", GroupParticipants, """{"userIds":["dave","dave"]}""", 400, "participant.duplicate_id");
        Post("add: too many at once", GroupParticipants, $$"""{"userIds":[{{string.Join(",", Enumerable.Range(0, 51).Select(i => $"\"u{i}\""))}}]}""", 400, "participant.too_many_at_once");
        Post("add: to a direct conversation", "/api/conversations/{c}/participants", """{"userIds":["dave"]}""", 409, "conversation.not_a_group");
        Add("role: unknown role", HttpMethod.Patch, GroupParticipants + "/bob", () => Json("""{"role":"king"}"""), 400, "participant.invalid_role");
        Add("role: missing role", HttpMethod.Patch, GroupParticipants + "/bob", () => Json("{}"), 400, "request.invalid_json");
        Add("role: role as number", HttpMethod.Patch, GroupParticipants + "/bob", () => Json("""{"role":1}"""), 400, "request.invalid_json");
        Add("role: of someone not in the group", HttpMethod.Patch, GroupParticipants + "/zed", () => Json("""{"role":"admin"}"""), 404, "participant.not_found");
        Add("role: the only owner steps down", HttpMethod.Patch, GroupParticipants + "/alice", () => Json("""{"role":"member"}"""), 409, "conversation.last_owner");
        Add("role: invalid user id", HttpMethod.Patch, GroupParticipants + "/b%0Aob", () => Json("""{"role":"admin"}"""), 400, "request.invalid_id");
        Add("role: in a direct conversation", HttpMethod.Patch, "/api/conversations/{c}/participants/bob", () => Json("""{"role":"admin"}"""), 409, "conversation.not_a_group");
        Add("remove: someone not in the group", HttpMethod.Delete, GroupParticipants + "/zed", null, 404, "participant.not_found");
        Add("remove: invalid user id", HttpMethod.Delete, GroupParticipants + "/" + new string('u', 129), null, 400, "request.invalid_id");
        Add("remove: from a direct conversation", HttpMethod.Delete, "/api/conversations/{c}/participants/bob", null, 409, "conversation.not_a_group");
        Post("close: a direct conversation", "/api/conversations/{c}/close", "{}", 409, "conversation.not_a_group");
        Add("me: empty object", HttpMethod.Put, Group + "/me", () => Json("{}"), 400, "conversation.nothing_to_change");
        Add("me: muted as number", HttpMethod.Put, Group + "/me", () => Json("""{"muted":60}"""), 400, "me.invalid_muted");
        Add("me: muted as a word", HttpMethod.Put, Group + "/me", () => Json("""{"muted":"forever"}"""), 400, "me.invalid_muted");
        Add("me: muted as null", HttpMethod.Put, Group + "/me", () => Json("""{"muted":null}"""), 400, null);
        Add("me: archived as string", HttpMethod.Put, Group + "/me", () => Json("""{"archived":"yes"}"""), 400, "request.invalid_json");
        Add("me: unknown field", HttpMethod.Put, Group + "/me", () => Json("""{"archived":true,"role":"owner"}"""), 400, "request.invalid_json");

        // Reactions (on the fixture's message).
        Add("reaction: not on the allow-list", HttpMethod.Put, Reaction + "%F0%9F%A6%84", null, 400, "reaction.not_allowed");
        Add("reaction: too long", HttpMethod.Put, Reaction + new string('r', 33), null, 400, "reaction.invalid");
        Add("reaction: with a space", HttpMethod.Put, Reaction + "a%20b", null, 400, "reaction.invalid");
        Add("reaction: with a control character", HttpMethod.Put, Reaction + "a%07", null, 400, "reaction.invalid");
        Add("reaction: on an unknown message", HttpMethod.Put, "/api/conversations/{c}/messages/m_unknown/reactions/%F0%9F%91%8D", null, 404, "message.not_found");
        Add("reaction: invalid message id", HttpMethod.Put, "/api/conversations/{c}/messages/m%2E1/reactions/%F0%9F%91%8D", null, 400, "request.invalid_id");
        Add("reaction: remove one too long", HttpMethod.Delete, Reaction + new string('r', 33), null, 400, "reaction.invalid");

        // Catch-up and list filters.
        Get("sync: garbage token", "/api/sync?since=abc", 400, "request.invalid_cursor");
        Get("sync: a changes token", "/api/sync?since={changes}", 400, "request.invalid_cursor");
        Get("sync: limit 0", "/api/sync?limit=0", 400, "request.invalid_limit");
        Get("sync: since twice", "/api/sync?since=a&since=b", 400, "request.duplicate_query_parameter");
        Get("changes: garbage token", "/api/conversations/{c}/changes?since=abc", 400, "request.invalid_cursor");
        Get("changes: a token of another conversation", "/api/conversations/{c}/changes?since={groupChanges}", 400, "request.invalid_cursor");
        Get("changes: limit 101", "/api/conversations/{c}/changes?limit=101", 400, "request.invalid_limit");
        Get("list: key of 129", Conversations + "?key=" + new string('k', 129), 400, "conversation.invalid_key");
        Get("list: metadata filter with a control character", Conversations + "?metadata.k=a%07b", 400, "metadata.invalid");
        Get("list: two metadata filters", Conversations + "?metadata.a=1&metadata.b=2", 400, null);
        Get("list: archived not a boolean", Conversations + "?archived=maybe", 400, null);

        // History.
        Get("history: limit 0", Messages + "?limit=0", 400, "request.invalid_limit");
        Get("history: limit 101", Messages + "?limit=101", 400, "request.invalid_limit");
        Get("history: limit abc", Messages + "?limit=abc", 400, "request.invalid_limit");
        Get("history: before garbage", Messages + "?before=abc", 400, "request.invalid_cursor");
        Get("history: after negative", Messages + "?after=-1", 400, "request.invalid_cursor");
        Get("history: before too long", Messages + "?before=1234567890123456789", 400, "request.invalid_cursor");
        Get("history: before and after", Messages + "?before=5&after=1", 400, "request.conflicting_cursors");
        Get("history: after twice", Messages + "?after=1&after=2", 400, "request.duplicate_query_parameter");
        Get("history: limit key in other case twice", Messages + "?limit=1&LIMIT=2", 400, "request.duplicate_query_parameter");

        // Edit and delete.
        Add("edit: empty content", HttpMethod.Patch, Message, () => Json("""{"content":""}"""), 400, "message.content_required");
        Add("edit: content too long", HttpMethod.Patch, Message, () => Json($$"""{"content":"{{new string('x', 4001)}}"}"""), 400, "message.content_too_long");
        Add("edit: missing content", HttpMethod.Patch, Message, () => Json("{}"), 400, "request.invalid_json");
        Add("edit: unknown field", HttpMethod.Patch, Message, () => Json("""{"content":"x","type":"image"}"""), 400, "request.invalid_json");
        Add("edit: invalid message id", HttpMethod.Patch, "/api/conversations/{c}/messages/m%2E1", () => Json("""{"content":"x"}"""), 400, "request.invalid_id");
        Add("edit: unknown message", HttpMethod.Patch, "/api/conversations/{c}/messages/m_unknown", () => Json("""{"content":"x"}"""), 404, "message.not_found");
        Add("edit: text/plain", HttpMethod.Patch, Message, () => new StringContent("x", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        Add("edit: empty body", HttpMethod.Patch, Message, () => Json(""), 400, "request.body_required");
        Add("delete: invalid message id", HttpMethod.Delete, "/api/conversations/{c}/messages/" + new string('m', 65), null, 400, "request.invalid_id");
        Add("delete: unknown message", HttpMethod.Delete, "/api/conversations/{c}/messages/m_unknown", null, 404, "message.not_found");

        // Read, delivered, typing.
        Post("read: invalid message id", Read, """{"messageId":"../m"}""", 400, "request.invalid_id");
        Post("read: message id as number", Read, """{"messageId":1}""", 400, "request.invalid_json");
        Post("read: unknown message", Read, """{"messageId":"m_unknown"}""", 404, "message.not_found");
        Post("read: unknown field", Read, """{"sequence":5}""", 400, "request.invalid_json");
        Add("read: text/plain body", HttpMethod.Post, Read, () => new StringContent("all", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        Post("delivered: without message id", Delivered, "{}", 400, "request.invalid_id");
        Post("delivered: empty body", Delivered, "", 400, "request.body_required");
        Post("delivered: invalid message id", Delivered, """{"messageId":"a b"}""", 400, "request.invalid_id");
        Post("typing: string value", Typing, """{"isTyping":"yes"}""", 400, "request.invalid_json");
        Post("typing: number value", Typing, """{"isTyping":1}""", 400, "request.invalid_json");
        Post("typing: null value", Typing, """{"isTyping":null}""", 400, "request.invalid_json");
        Post("typing: missing value", Typing, "{}", 400, "request.invalid_json");
        Post("typing: empty body", Typing, "", 400, "request.body_required");

        // Users as other users see them, and the directory (user token).
        Get("users: no query", "/api/users", 400, "user.query_required");
        Get("users: ids and prefix", "/api/users?ids=bob&prefix=bo", 400, "user.query_required");
        Get("users: too many ids", "/api/users?ids=" + string.Join(",", Enumerable.Range(0, 51).Select(i => $"u{i}")), 400, "user.too_many_ids");
        Get("users: an id with a slash", "/api/users?ids=bob,a%2Fb", 400, "request.invalid_id");
        Get("users: an empty id", "/api/users?ids=bob,,carol", 400, "request.invalid_id");
        Get("users: empty ids", "/api/users?ids=", 400, "request.invalid_id");
        Get("users: ids twice", "/api/users?ids=bob&ids=carol", 400, "request.duplicate_query_parameter");
        Get("users: cursor with ids", "/api/users?ids=bob&cursor=abc", 400, "request.invalid_cursor");
        Get("users: one-letter prefix", "/api/users?prefix=b", 400, "user.invalid_prefix");
        Get("users: prefix without letters", "/api/users?prefix=%21%21%21", 400, "user.invalid_prefix");
        Get("users: prefix of 101 characters", "/api/users?prefix=" + new string('b', 101), 400, "user.invalid_prefix");
        Get("users: garbage cursor", "/api/users?prefix=bo&cursor=abc", 400, "request.invalid_cursor");
        Get("users: limit 0", "/api/users?prefix=bo&limit=0", 400, "request.invalid_limit");
        Get("user: id of 129 characters", "/api/users/" + new string('u', 129), 400, "request.invalid_id");
        Get("user: id with a newline", "/api/users/bob%0A", 400, "request.invalid_id");
        Get("user: unknown", "/api/users/nobody", 404, "user.not_found");
        Add("user: PUT", HttpMethod.Put, "/api/users/bob", () => Json("{}"), 405, "request.method_not_allowed");

        // Server API: profiles, erasure, export (server token).
        const string Profile = "/api/server/users/bob";
        void ServerAdd(string name, HttpMethod method, string path, Func<HttpContent?>? content, int? status, string? code) =>
            cases.Add(name, new BadInput(method, path, content, status, code, Server: true));
        void ServerJson(string name, HttpMethod method, string path, string json, int? status, string? code) =>
            ServerAdd(name, method, path, () => Json(json), status, code);
        void ServerGet(string name, string path, int? status, string? code) => ServerAdd(name, HttpMethod.Get, path, null, status, code);
        ServerJson("server profile: no display name", HttpMethod.Put, Profile, "{}", 400, "request.invalid_json");
        ServerJson("server profile: display name as number", HttpMethod.Put, Profile, """{"displayName":5}""", 400, "request.invalid_json");
        ServerJson("server profile: display name null", HttpMethod.Put, Profile, """{"displayName":null}""", 400, "request.invalid_json");
        ServerJson("server profile: empty display name", HttpMethod.Put, Profile, """{"displayName":""}""", 400, "user.invalid_display_name");
        ServerJson("server profile: invisible display name", HttpMethod.Put, Profile, """{"displayName":" \u200B "}""", 400, "user.invalid_display_name");
        ServerJson("server profile: display name of 101", HttpMethod.Put, Profile, $$"""{"displayName":"{{new string('n', 101)}}"}""", 400, "user.invalid_display_name");
        ServerJson("server profile: display name with a newline", HttpMethod.Put, Profile, """{"displayName":"Bob\nBuilder"}""", 400, "user.invalid_display_name");
        ServerJson("server profile: relative avatar", HttpMethod.Put, Profile, """{"displayName":"Bob","avatarUrl":"/a.png"}""", 400, "user.invalid_avatar_url");
        ServerJson("server profile: javascript avatar", HttpMethod.Put, Profile, """{"displayName":"Bob","avatarUrl":"javascript:alert(1)"}""", 400, "user.invalid_avatar_url");
        ServerJson("server profile: avatar with a space", HttpMethod.Put, Profile, """{"displayName":"Bob","avatarUrl":"https://cdn.test/a b.png"}""", 400, "user.invalid_avatar_url");
        ServerJson("server profile: avatar of 600", HttpMethod.Put, Profile, $$"""{"displayName":"Bob","avatarUrl":"https://cdn.test/{{new string('a', 600)}}"}""", 400, "user.invalid_avatar_url");
        ServerJson("server profile: empty avatar", HttpMethod.Put, Profile, """{"displayName":"Bob","avatarUrl":""}""", 400, "user.invalid_avatar_url");
        ServerJson("server profile: metadata too many keys", HttpMethod.Put, Profile, $$"""{"displayName":"Bob","metadata":{{Metadata(17)}}}""", 400, "metadata.too_many_keys");
        ServerJson("server profile: inDirectory as string", HttpMethod.Put, Profile, """{"displayName":"Bob","inDirectory":"yes"}""", 400, "request.invalid_json");
        ServerJson("server profile: unknown field", HttpMethod.Put, Profile, """{"displayName":"Bob","role":"admin"}""", 400, "request.invalid_json");
        ServerAdd("server profile: text/plain", HttpMethod.Put, Profile, () => new StringContent("Bob", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        ServerAdd("server profile: empty body", HttpMethod.Put, Profile, () => Json(""), 400, "request.body_required");
        ServerJson("server profile: oversize body", HttpMethod.Put, Profile, $$"""{"displayName":"{{new string('x', 70_000)}}"}""", 413, "request.body_too_large");
        ServerJson("server profile: user id of 129", HttpMethod.Put, "/api/server/users/" + new string('u', 129), """{"displayName":"Bob"}""", 400, "request.invalid_id");
        ServerJson("server profile: user id with a newline", HttpMethod.Put, "/api/server/users/bob%0A", """{"displayName":"Bob"}""", 400, "request.invalid_id");
        ServerGet("server profile: get of an invalid id", "/api/server/users/a%0Ab", 400, "request.invalid_id");
        ServerGet("server profile: get of a user without one", "/api/server/users/nobody", 404, "user.not_found");
        ServerAdd("server erase: invalid user id", HttpMethod.Delete, "/api/server/users/" + new string('u', 129), null, 400, "request.invalid_id");
        ServerAdd("server erase: user id with a newline", HttpMethod.Delete, "/api/server/users/bob%0D%0A", null, 400, "request.invalid_id");
        ServerAdd("server erase: duplicate query key", HttpMethod.Delete, "/api/server/users/bob?x=1&x=2", null, 400, "request.duplicate_query_parameter");
        ServerGet("server erasure: of a user never erased", "/api/server/users/nobody/erasure", 404, "user.not_found");
        ServerGet("server export: invalid user id", "/api/server/users/a%0A/export", 400, "request.invalid_id");
        ServerGet("server export: limit 0", "/api/server/users/bob/export?limit=0", 400, "request.invalid_limit");
        ServerGet("server export: garbage cursor", "/api/server/users/bob/export?cursor=abc", 400, "request.invalid_cursor");
        ServerGet("server export: cursor twice", "/api/server/users/bob/export?cursor=a&cursor=b", 400, "request.duplicate_query_parameter");
        ServerAdd("server users: POST", HttpMethod.Post, Profile, () => Json("{}"), 405, "request.method_not_allowed");

        // Server API: conversations (server token; the fixture's group {g}: alice owner, bob and carol; direct {c}).
        const string ServerConversations = "/api/server/conversations";
        ServerJson("server create: no key", HttpMethod.Post, ServerConversations, """{"participantIds":["bob"]}""", 400, "request.invalid_json");
        ServerJson("server create: no participants", HttpMethod.Post, ServerConversations, """{"key":"order-1"}""", 400, "request.invalid_json");
        ServerJson("server create: empty key", HttpMethod.Post, ServerConversations, """{"key":"","participantIds":["bob"]}""", 400, "conversation.invalid_key");
        ServerJson("server create: key with spaces around", HttpMethod.Post, ServerConversations, """{"key":" order-1","participantIds":["bob"]}""", 400, "conversation.invalid_key");
        ServerJson("server create: key of 129", HttpMethod.Post, ServerConversations, $$"""{"key":"{{new string('k', 129)}}","participantIds":["bob"]}""", 400, "conversation.invalid_key");
        ServerJson("server create: key with a newline", HttpMethod.Post, ServerConversations, """{"key":"order\n1","participantIds":["bob"]}""", 400, "conversation.invalid_key");
        ServerJson("server create: empty participants", HttpMethod.Post, ServerConversations, """{"key":"order-1","participantIds":[]}""", 400, "conversation.participants_required");
        ServerJson("server create: 101 participants", HttpMethod.Post, ServerConversations,
            $$"""{"key":"order-1","participantIds":[{{string.Join(",", Enumerable.Range(0, 101).Select(i => $"\"u{i}\""))}}]}""", 400, "conversation.too_many_participants");
        ServerJson("server create: invalid participant", HttpMethod.Post, ServerConversations, """{"key":"order-1","participantIds":["a/b"]}""", 400, "conversation.invalid_participant_id");
        ServerJson("server create: unknown role", HttpMethod.Post, ServerConversations, """{"key":"order-1","participantIds":["bob"],"roles":{"bob":"king"}}""", 400, "participant.invalid_role");
        ServerJson("server create: role of a non-participant", HttpMethod.Post, ServerConversations, """{"key":"order-1","participantIds":["bob"],"roles":{"eve":"owner"}}""", 400, "participant.invalid_role");
        ServerJson("server create: title too long", HttpMethod.Post, ServerConversations, $$"""{"key":"order-1","participantIds":["bob"],"title":"{{new string('t', 201)}}"}""", 400, "conversation.title_too_long");
        ServerJson("server create: metadata with a control character", HttpMethod.Post, ServerConversations, """{"key":"order-1","participantIds":["bob"],"metadata":{"k":"a\u0007"}}""", 400, "metadata.invalid");
        ServerJson("server create: unknown field", HttpMethod.Post, ServerConversations, """{"key":"order-1","participantIds":["bob"],"owner":"bob"}""", 400, "request.invalid_json");
        ServerAdd("server create: text/plain", HttpMethod.Post, ServerConversations, () => new StringContent("{}", Encoding.UTF8, "text/plain"), 415, "request.unsupported_media_type");
        ServerAdd("server create: empty body", HttpMethod.Post, ServerConversations, () => Json(""), 400, "request.body_required");
        ServerGet("server find: no filter", ServerConversations, 400, "conversation.filter_required");
        ServerGet("server find: key and participant", ServerConversations + "?key=k&participant=bob", 400, "conversation.filter_required");
        ServerGet("server find: key too long", ServerConversations + "?key=" + new string('k', 129), 400, "conversation.invalid_key");
        ServerGet("server find: invalid participant", ServerConversations + "?participant=a%2Fb", 400, "request.invalid_id");
        ServerGet("server find: limit 0", ServerConversations + "?participant=bob&limit=0", 400, "request.invalid_limit");
        ServerGet("server find: garbage cursor", ServerConversations + "?participant=bob&cursor=abc", 400, "request.invalid_cursor");
        ServerGet("server find: cursor with a key", ServerConversations + "?key=k&cursor=abc", 400, "request.invalid_cursor");
        ServerGet("server find: key twice", ServerConversations + "?key=a&key=b", 400, "request.duplicate_query_parameter");
        ServerGet("server get: invalid id", ServerConversations + "/a.b", 400, "request.invalid_id");
        ServerGet("server get: unknown", ServerConversations + "/g_unknown", 404, "conversation.not_found");
        ServerJson("server update: nothing", HttpMethod.Patch, ServerConversations + "/{g}", "{}", 400, "conversation.nothing_to_change");
        ServerJson("server update: title too long", HttpMethod.Patch, ServerConversations + "/{g}", $$"""{"title":"{{new string('t', 201)}}"}""", 400, "conversation.title_too_long");
        ServerJson("server update: title of a direct conversation", HttpMethod.Patch, ServerConversations + "/{c}", """{"title":"x"}""", 400, "conversation.title_not_allowed");
        ServerJson("server update: unknown conversation", HttpMethod.Patch, ServerConversations + "/g_unknown", """{"title":"x"}""", 404, "conversation.not_found");
        ServerJson("server message: no client message id", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"content":"x"}""", 400, "request.invalid_json");
        ServerJson("server message: no content", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"clientMessageId":"c1"}""", 400, "request.invalid_json");
        ServerJson("server message: blank content", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"content":"  ","clientMessageId":"c1"}""", 400, "message.content_required");
        ServerJson("server message: content too long", HttpMethod.Post, ServerConversations + "/{g}/messages", $$"""{"content":"{{new string('x', 4001)}}","clientMessageId":"c1"}""", 400, "message.content_too_long");
        ServerJson("server message: system event with a space", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"content":"x","clientMessageId":"c1","systemEvent":"order shipped"}""", 400, "message.invalid_system_event");
        ServerJson("server message: system event starting with a dot", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"content":"x","clientMessageId":"c1","systemEvent":".x"}""", 400, "message.invalid_system_event");
        ServerJson("server message: system event of 65", HttpMethod.Post, ServerConversations + "/{g}/messages", $$"""{"content":"x","clientMessageId":"c1","systemEvent":"{{new string('e', 65)}}"}""", 400, "message.invalid_system_event");
        ServerJson("server message: empty client message id", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"content":"x","clientMessageId":""}""", 400, "message.invalid_client_message_id");
        ServerJson("server message: metadata too many keys", HttpMethod.Post, ServerConversations + "/{g}/messages", $$"""{"content":"x","clientMessageId":"c1","metadata":{{Metadata(17)}}}""", 400, "metadata.too_many_keys");
        ServerJson("server message: unknown conversation", HttpMethod.Post, ServerConversations + "/g_unknown/messages", """{"content":"x","clientMessageId":"c1"}""", 404, "conversation.not_found");
        ServerJson("server message: invalid conversation id", HttpMethod.Post, ServerConversations + "/g%0A/messages", """{"content":"x","clientMessageId":"c1"}""", 400, "request.invalid_id");
        ServerJson("server message: sender in body", HttpMethod.Post, ServerConversations + "/{g}/messages", """{"content":"x","clientMessageId":"c1","senderId":"bob"}""", 400, "request.invalid_json");
        ServerGet("server history: limit 0", ServerConversations + "/{g}/messages?limit=0", 400, "request.invalid_limit");
        ServerGet("server history: before and after", ServerConversations + "/{g}/messages?before=5&after=1", 400, "request.conflicting_cursors");
        ServerGet("server history: garbage cursor", ServerConversations + "/{g}/messages?before=abc", 400, "request.invalid_cursor");
        ServerAdd("server moderation: invalid message id", HttpMethod.Delete, ServerConversations + "/{c}/messages/m.1", null, 400, "request.invalid_id");
        ServerAdd("server moderation: unknown message", HttpMethod.Delete, ServerConversations + "/{c}/messages/m_unknown", null, 404, "message.not_found");
        ServerAdd("server moderation: unknown conversation", HttpMethod.Delete, ServerConversations + "/g_unknown/messages/{m}", null, 404, "conversation.not_found");
        ServerJson("server add: empty list", HttpMethod.Post, ServerConversations + "/{g}/participants", """{"userIds":[]}""", 400, "conversation.participants_required");
        ServerJson("server add: invalid id", HttpMethod.Post, ServerConversations + "/{g}/participants", """{"userIds":["a/b"]}""", 400, "conversation.invalid_participant_id");
        ServerJson("server add: twice the same", HttpMethod.Post, ServerConversations + "/{g}/participants", """{"userIds":["dave","dave"]}""", 400, "participant.duplicate_id");
        ServerJson("server add: to a direct conversation", HttpMethod.Post, ServerConversations + "/{c}/participants", """{"userIds":["dave"]}""", 409, "conversation.not_a_group");
        ServerJson("server role: unknown role", HttpMethod.Patch, ServerConversations + "/{g}/participants/bob", """{"role":"king"}""", 400, "participant.invalid_role");
        ServerJson("server role: of someone not in the group", HttpMethod.Patch, ServerConversations + "/{g}/participants/zed", """{"role":"admin"}""", 404, "participant.not_found");
        ServerJson("server role: the only owner steps down", HttpMethod.Patch, ServerConversations + "/{g}/participants/alice", """{"role":"member"}""", 409, "conversation.last_owner");
        ServerJson("server role: invalid user id", HttpMethod.Patch, ServerConversations + "/{g}/participants/b%0Aob", """{"role":"admin"}""", 400, "request.invalid_id");
        ServerAdd("server remove: someone not in the group", HttpMethod.Delete, ServerConversations + "/{g}/participants/zed", null, 404, "participant.not_found");
        ServerAdd("server remove: from a direct conversation", HttpMethod.Delete, ServerConversations + "/{c}/participants/bob", null, 409, "conversation.not_a_group");
        ServerJson("server close: a direct conversation", HttpMethod.Post, ServerConversations + "/{c}/close", "{}", 409, "conversation.not_a_group");
        ServerJson("server close: unknown conversation", HttpMethod.Post, ServerConversations + "/g_unknown/close", "{}", 404, "conversation.not_found");
        ServerJson("server reopen: a direct conversation", HttpMethod.Post, ServerConversations + "/{c}/reopen", "{}", 409, "conversation.not_a_group");
        ServerAdd("server conversations: DELETE", HttpMethod.Delete, ServerConversations, null, 405, "request.method_not_allowed");

        // Attachments.
        Post("reserve: control-char name", Attachments, """{"fileName":"\u0001\u0002","contentType":"image/png","sizeBytes":10}""", 400, "attachment.invalid_file_name");
        Post("reserve: path-only name", Attachments, """{"fileName":"..\\..\\","contentType":"image/png","sizeBytes":10}""", 400, "attachment.invalid_file_name");
        Post("reserve: empty name", Attachments, """{"fileName":"","contentType":"image/png","sizeBytes":10}""", 400, "attachment.invalid_file_name");
        Post("reserve: disallowed type", Attachments, """{"fileName":"a.exe","contentType":"application/x-msdownload","sizeBytes":10}""", 400, "attachment.content_type_not_allowed");
        Post("reserve: malformed type", Attachments, """{"fileName":"a.png","contentType":"image","sizeBytes":10}""", 400, "attachment.content_type_not_allowed");
        Post("reserve: size 0", Attachments, """{"fileName":"a.png","contentType":"image/png","sizeBytes":0}""", 400, "attachment.empty");
        Post("reserve: size negative", Attachments, """{"fileName":"a.png","contentType":"image/png","sizeBytes":-5}""", 400, "attachment.empty");
        Post("reserve: size over limit", Attachments, """{"fileName":"a.png","contentType":"image/png","sizeBytes":26214401}""", 413, "attachment.too_large");
        Post("reserve: size as string", Attachments, """{"fileName":"a.png","contentType":"image/png","sizeBytes":"10"}""", 400, "request.invalid_json");
        Post("reserve: size fractional", Attachments, """{"fileName":"a.png","contentType":"image/png","sizeBytes":1.5}""", 400, "request.invalid_json");
        Post("reserve: size missing", Attachments, """{"fileName":"a.png","contentType":"image/png"}""", 400, "request.invalid_json");
        Post("reserve: only bidi controls in name", Attachments, """{"fileName":"\u202E\u2066\u2069\u200E\u200F\u061C","contentType":"image/png","sizeBytes":10}""", 400, "attachment.invalid_file_name");
        Post("reserve: only zero-width characters in name", Attachments, """{"fileName":"\u200B\u200C\u200D\u2060\uFEFF","contentType":"image/png","sizeBytes":10}""", 400, "attachment.invalid_file_name");
        Post("reserve: only a path and format characters", Attachments, """{"fileName":"dir/\u2028\u2029\u00AD","contentType":"image/png","sizeBytes":10}""", 400, "attachment.invalid_file_name");
        Add("multipart: only bidi controls in file name", HttpMethod.Post, Messages, () => Form(file: File("\u202E\u2067\u2069", "image/png", 3)), 400, "attachment.invalid_file_name");
        Get("attachment: bad redirect flag", Attachment + "?redirect=maybe", 400, "request.invalid_query_parameter");
        Get("attachment: invalid id", "/api/conversations/{c}/attachments/a%2F1", 400, "request.invalid_id");
        Get("attachment: unknown id", "/api/conversations/{c}/attachments/a_unknown", 404, "attachment.not_found");
        // Presence: a bounded list of user ids, comma-separated, each a valid user id.
        Get("presence: no userIds", "/api/presence", 400, "presence.user_ids_required");
        Get("presence: empty userIds", "/api/presence?userIds=", 400, "presence.user_ids_required");
        Get("presence: userIds twice", "/api/presence?userIds=bob&userIds=carol", 400, "request.duplicate_query_parameter");
        Get("presence: userIds in another case, twice", "/api/presence?userIds=bob&USERIDS=carol", 400, "request.duplicate_query_parameter");
        Get("presence: empty entry", "/api/presence?userIds=bob,,carol", 400, "request.invalid_id");
        Get("presence: trailing comma", "/api/presence?userIds=bob,", 400, "request.invalid_id");
        Get("presence: only a comma", "/api/presence?userIds=,", 400, "request.invalid_id");
        Get("presence: id with a slash", "/api/presence?userIds=bob%2Fx", 400, "request.invalid_id");
        Get("presence: id with a trailing newline", "/api/presence?userIds=bob%0A", 400, "request.invalid_id");
        Get("presence: id with a space", "/api/presence?userIds=bob%20smith", 400, "request.invalid_id");
        Get("presence: unicode id", "/api/presence?userIds=b%C3%B3b", 400, "request.invalid_id");
        Get("presence: id over 128 characters", "/api/presence?userIds=" + new string('u', 129), 400, "request.invalid_id");
        Get("presence: 101 user ids", "/api/presence?userIds=" + string.Join(',', Enumerable.Range(0, 101).Select(i => $"u{i}")), 400, "presence.too_many_user_ids");
        Get("presence: 101 repeats of one id", "/api/presence?userIds=" + string.Join(',', Enumerable.Repeat("bob", 101)), 400, "presence.too_many_user_ids");
        Get("presence: 5,000 commas", "/api/presence?userIds=" + new string(',', 5_000), 400, "presence.too_many_user_ids");
        Post("presence: POST", "/api/presence?userIds=bob", "{}", 405, "request.method_not_allowed");
        Add("presence: DELETE", HttpMethod.Delete, "/api/presence", null, 405, "request.method_not_allowed");
        Get("presence: a user in the path", "/api/presence/bob", 404, "request.route_not_found");

        return cases;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static ByteArrayContent RawJson(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static ByteArrayContent Typed(string body, string? contentType)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return content;
    }

    /// <summary>A conversation-list cursor in the server's own format, naming <paramref name="conversationId"/>.</summary>
    private static string ConversationCursor(string conversationId) =>
        System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"c1:638000000000000000|{conversationId}"));

    private static string Participants(int count) =>
        $$"""{"participantIds":[{{string.Join(",", Enumerable.Range(0, count).Select(i => $"\"user{i}\""))}}]}""";

    private static string Metadata(int keys) => "{" + string.Join(",", Enumerable.Range(0, keys).Select(i => $"\"k{i}\":\"v\"")) + "}";

    private static (string Name, string? Type, int Size) File(string name, string? type, int size) => (name, type, size);

    private static MultipartFormDataContent Form(params (string Name, string Value)[] fields) => Form(fields, files: []);

    private static MultipartFormDataContent Form((string Name, string Value) field, (string Name, string? Type, int Size) file) => Form([field], files: [file]);

    private static MultipartFormDataContent Form((string Name, string Value) a, (string Name, string Value) b, (string Name, string? Type, int Size) file) =>
        Form([a, b], files: [file]);

    private static MultipartFormDataContent Form((string Name, string? Type, int Size) file) => Form([], files: [file]);

    private static MultipartFormDataContent Form((string Name, string Value)[] fields, (string Name, string? Type, int Size)[] files, string fileField = "file")
    {
        var form = new MultipartFormDataContent("bad-input-boundary");
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        foreach (var (name, type, size) in files)
        {
            var file = new ByteArrayContent(new byte[size]);
            if (type is not null)
            {
                file.Headers.ContentType = new MediaTypeHeaderValue(type);
            }

            form.Add(file, fileField, name);
        }

        return form;
    }

    private static MultipartFormDataContent FormNamed(string fileField) =>
        Form([], files: [("a.png", "image/png", 3)], fileField);
}

/// <summary>A body sent without Content-Length (chunked), so only the server's own counting can stop it.</summary>
public sealed class UnknownLengthContent : HttpContent
{
    private readonly byte[] _bytes;

    public UnknownLengthContent(byte[] bytes, string contentType)
    {
        _bytes = bytes;
        Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
    }

    protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

/// <param name="Server">Sent with a server-principal token (the server routes) instead of alice's.</param>
public sealed record BadInput(HttpMethod Method, string Path, Func<HttpContent?>? Content, int? Status, string? Code, bool Server = false);
