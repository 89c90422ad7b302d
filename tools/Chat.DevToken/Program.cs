using System.Globalization;
using System.Text.Json;
using Chat.Shared.Auth;

// Mints a development token for any user id (or, with --server, for the app's backend: the server principal),
// signed with the local app's Chat:Auth:DevSigningKey.
// Development only: the app refuses that key outside Development, with an authority, or in Azure.
const string Usage = """
    Usage: dotnet run --project tools/Chat.DevToken -- --user <id> [--name <display name>] [--minutes 60]
                      [--settings Chat.Functions/local.settings.json] [--key <base64>] [--issuer <iss>] [--audience <aud>]
           dotnet run --project tools/Chat.DevToken -- --server [--client <id>] [--minutes 60] [--settings ...]
                      (a token with the server role, Chat:Auth:ServerRole, for the /api/server routes)
           dotnet run --project tools/Chat.DevToken -- --new-key
    Prints the JWT (or a new base64 signing key) on standard output.
    """;

try
{
    var options = Arguments.Parse(args);
    if (options.ContainsKey("help"))
    {
        Console.WriteLine(Usage);
        return 0;
    }

    if (options.ContainsKey("new-key"))
    {
        Console.WriteLine(DevTokenIssuer.NewKey());
        return 0;
    }

    var server = options.ContainsKey("server");
    var user = server ? options.GetValueOrDefault("client") ?? "funcchat-backend"
        : options.GetValueOrDefault("user") ?? throw new ArgumentException("--user (or --server) is required.");
    if (!Chat.Shared.Domain.ChatIds.IsValidUserId(user))
    {
        throw new ArgumentException("--user and --client must be 1 to 128 printable ASCII characters without '/', '\\', '?' or '#'.");
    }

    var values = LocalSettings.Read(options.GetValueOrDefault("settings") ?? "Chat.Functions/local.settings.json", required: !options.ContainsKey("key"));
    string Setting(string option, string key, string? fallback = null) =>
        options.GetValueOrDefault(option) ?? values.GetValueOrDefault("Chat:Auth:" + key) ?? fallback
        ?? throw new ArgumentException($"Pass --{option} or set Values[\"Chat:Auth:{key}\"] in local.settings.json.");

    var settings = new DevTokenSettings(
        Setting("key", "DevSigningKey"),
        Setting("issuer", "Issuer"),
        Setting("audience", "Audience"),
        Setting("user-claim", "UserIdClaim", "sub"),
        Setting("name-claim", "NameClaim", "name"),
        Setting("server-role", "ServerRole", "Chat.Server"));
    var minutes = int.Parse(options.GetValueOrDefault("minutes") ?? "60", NumberStyles.None, CultureInfo.InvariantCulture);
    var lifetime = TimeSpan.FromMinutes(minutes);
    Console.WriteLine(server
        ? DevTokenIssuer.IssueServer(settings, user, lifetime, DateTimeOffset.UtcNow)
        : DevTokenIssuer.Issue(settings, user, options.GetValueOrDefault("name"), lifetime, DateTimeOffset.UtcNow));
    return 0;
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or JsonException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

internal static class Arguments
{
    private static readonly HashSet<string> Flags = ["new-key", "help", "server"];

    public static Dictionary<string, string> Parse(string[] args)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"Unexpected argument '{args[i]}'.");
            }

            var name = args[i][2..];
            if (Flags.Contains(name))
            {
                result[name] = "true";
            }
            else if (i + 1 < args.Length)
            {
                result[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"--{name} needs a value.");
            }
        }

        return result;
    }
}

internal static class LocalSettings
{
    /// <summary>The <c>Values</c> of a local.settings.json file.</summary>
    public static Dictionary<string, string> Read(string path, bool required)
    {
        if (!File.Exists(path))
        {
            return required ? throw new IOException($"{path} not found: pass --settings <path> or --key <base64>.") : [];
        }

        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.TryGetProperty("Values", out var values) && values.ValueKind == JsonValueKind.Object
            ? values.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!)
            : [];
    }
}
