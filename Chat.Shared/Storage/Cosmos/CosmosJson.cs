using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Chat.Shared.Contracts;

namespace Chat.Shared.Storage.Cosmos;

/// <summary>
/// The serializer settings of the Cosmos DB documents: the API's JSON conventions (<see cref="ChatJson"/>: camelCase,
/// enums as camelCase strings) plus timestamps written as fixed-precision UTC strings, so that comparing and
/// ordering them as strings (the conversation list's <c>ORDER BY c.lastActivityAt</c>) follows time.
/// </summary>
public static class CosmosJson
{
    /// <summary>The one timestamp format of the documents: sorts lexicographically in time order.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static JsonSerializerOptions Options { get; } = Create();

    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        ChatJson.Configure(options);
        options.Converters.Add(new UtcTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
    {
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTimeOffset().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatTimestamp(value));
    }
}
