using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Chat.Tests.Http;

/// <summary>Small helpers to send raw JSON and read answers back as JSON nodes.</summary>
public static class ApiJson
{
    public static StringContent Body(string json) => new(json, Encoding.UTF8, "application/json");

    public static StringContent Body(object value) => Body(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    public static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("The body is JSON null.");
    }

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient client, string path, string json) =>
        await client.PostAsync(new Uri(path, UriKind.Relative), Body(json));

    public static async Task<JsonNode> ReadOkAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        AssertNoSniff(response);
        return JsonNode.Parse(text)!;
    }

    /// <summary>Every answer of the API carries <c>X-Content-Type-Options: nosniff</c>.</summary>
    public static void AssertNoSniff(HttpResponseMessage response) =>
        Assert.Equal(["nosniff"], response.Headers.TryGetValues("X-Content-Type-Options", out var values) ? values : []);

    /// <summary>Asserts an RFC 9457 problem and returns it.</summary>
    public static async Task<JsonNode> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        AssertNoSniff(response);
        var problem = JsonNode.Parse(text)!;
        Assert.Equal((int)expected, problem["status"]!.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(problem["title"]?.GetValue<string>()));
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.GetValue<string>()));
        var actualCode = problem["code"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(actualCode));
        Assert.Equal("https://funcchat.dev/problems/" + actualCode, problem["type"]!.GetValue<string>());
        if (code is not null)
        {
            Assert.Equal(code, actualCode);
        }

        return problem;
    }

    public static MediaTypeHeaderValue Media(string value) => MediaTypeHeaderValue.Parse(value);
}
