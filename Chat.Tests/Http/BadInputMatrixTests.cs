namespace Chat.Tests.Http;

/// <summary>
/// Every bad request gets a 4xx problem with a code (never a 500), carries nosniff and echoes no more than a short
/// piece of the input, and changes nothing: the store, the blobs, the typing and presence states are the same as before
/// and no event is recorded.
/// </summary>
public sealed class BadInputMatrixTests(BadInputFixture fixture) : IClassFixture<BadInputFixture>
{
    /// <summary>Problems echo at most a short piece of the input, so none grows with what the client sent.</summary>
    private const int MaxProblemBytes = 2048;

    public static TheoryData<string> Cases => new(BadInputCases.All.Keys);

    [Fact]
    public void Cases_CoverAtLeastEightyShapes() => Assert.True(BadInputCases.All.Count >= 80, $"{BadInputCases.All.Count} cases");

    [Fact]
    public void Cases_CoverEveryServerRoute()
    {
        var serverRoutes = Chat.Shared.Http.ChatApi.Routes.Where(r => r.Template.StartsWith("server/", StringComparison.Ordinal)).ToList();
        var covered = BadInputCases.All.Values.Where(c => c.Server)
            .Select(c => serverRoutes.FirstOrDefault(r => r.Method == c.Method.Method && Matches(r.Template, c.Path.Split('?')[0])))
            .OfType<Chat.Shared.Http.ChatApiRoute>()
            .Select(r => r.Name)
            .ToHashSet();

        var uncovered = serverRoutes.Select(r => r.Name).Where(name => !covered.Contains(name)).ToList();
        Assert.True(uncovered.Count == 0, $"No bad-input case for {string.Join(", ", uncovered)}");
    }

    private static bool Matches(string template, string path) =>
        System.Text.RegularExpressions.Regex.IsMatch(path,
            "^/api/" + System.Text.RegularExpressions.Regex.Replace(template, @"\{[A-Za-z]+\}", "[^/]+") + "$");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Request_Returns4xxProblemAndChangesNothing_ForBadInput(string name)
    {
        var bad = BadInputCases.All[name];
        var before = fixture.Host.Store.Snapshot();
        var profiles = fixture.Host.Profiles.Snapshot();
        var blobsBefore = fixture.Host.Blobs.Snapshot();
        var events = fixture.Host.Events.Count;
        var typing = fixture.Host.Typing.Snapshot();
        var presence = fixture.Host.Presence.Snapshot();
        using var request = new HttpRequestMessage(bad.Method, Resolve(bad.Path)) { Content = await ResolveAsync(bad.Content?.Invoke()) };

        using var response = await (bad.Server ? fixture.Server : fixture.Alice).SendAsync(request);

        var status = (int)response.StatusCode;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status is >= 400 and < 500, $"{name}: {status} {body}");
        if (bad.Status is { } expected)
        {
            Assert.True(expected == status, $"{name}: expected {expected}, got {status} {body}");
        }

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        ApiJson.AssertNoSniff(response);
        Assert.True(body.Length <= MaxProblemBytes, $"{name}: a {body.Length}-byte problem");
        var code = System.Text.Json.Nodes.JsonNode.Parse(body)!["code"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(code), body);
        if (bad.Code is not null)
        {
            Assert.Equal(bad.Code, code);
        }

        Assert.Equal(before, fixture.Host.Store.Snapshot());
        Assert.Equal(profiles, fixture.Host.Profiles.Snapshot());
        Assert.Equal(blobsBefore, fixture.Host.Blobs.Snapshot());
        Assert.Equal(events, fixture.Host.Events.Count);
        Assert.Equal(typing, fixture.Host.Typing.Snapshot());
        Assert.Equal(presence, fixture.Host.Presence.Snapshot());
    }

    private Uri Resolve(string path) => new(ResolveText(path), UriKind.Relative);

    private string ResolveText(string text) =>
        text.Replace("{c}", fixture.ConversationId, StringComparison.Ordinal)
            .Replace("{m}", fixture.MessageId, StringComparison.Ordinal)
            .Replace("{a}", fixture.AttachmentId, StringComparison.Ordinal)
            .Replace("{g}", fixture.GroupId, StringComparison.Ordinal)
            .Replace("{changes}", Uri.EscapeDataString(fixture.ChangesToken), StringComparison.Ordinal)
            .Replace("{groupChanges}", Uri.EscapeDataString(fixture.GroupChangesToken), StringComparison.Ordinal);

    /// <summary>The fixture's ids in a JSON body too (<c>{c}</c>, <c>{m}</c>, <c>{a}</c>, <c>{g}</c>); other bodies are sent byte for byte.</summary>
    private async Task<HttpContent?> ResolveAsync(HttpContent? content)
    {
        if (content is not ByteArrayContent || content.Headers.ContentType?.MediaType != "application/json")
        {
            return content;
        }

        var bytes = await content.ReadAsByteArrayAsync();
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        if (!new[] { "{a}", "{m}", "{c}", "{g}" }.Any(placeholder => text.Contains(placeholder, StringComparison.Ordinal)))
        {
            return new ByteArrayContent(bytes) { Headers = { ContentType = content.Headers.ContentType } };
        }

        return new StringContent(ResolveText(text), System.Text.Encoding.UTF8, "application/json");
    }
}
