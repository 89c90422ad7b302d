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
        Get("list: key too long", Conversations + "?key=" + new string('k', 201), 400, "conversation.invalid_key");
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

public sealed record BadInput(HttpMethod Method, string Path, Func<HttpContent?>? Content, int? Status, string? Code);
