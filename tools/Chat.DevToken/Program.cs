using System.Globalization;
using System.Text.Json;
using Chat.Shared.Auth;
using Chat.Tools;

// Mints a development token for any user id (or, with --server, for the app's backend: the server principal),
// signed with the local app's Chat:Auth:DevSigningKey.
// Development only: the app refuses that key outside Development, with an authority, or in Azure.
const string Usage = """
    Usage: dotnet run --project tools/Chat.DevToken -- --user <id> [--name <display name>] [--minutes 60]
                      [--settings <path>] [--key <base64>] [--issuer <iss>] [--audience <aud>]
           dotnet run --project tools/Chat.DevToken -- --server [--client <id>] [--minutes 60] [--settings <path>]
                      (a token with the server role, Chat:Auth:ServerRole, for the /api/server routes)
           dotnet run --project tools/Chat.DevToken -- --new-key
    Prints the JWT (or a new base64 signing key) on standard output. Works from any directory: without --settings
    it reads Chat.Functions/local.settings.json of the repository above the working directory, or above the tool.
    """;

try
{
    var options = Arguments.Parse(args, new HashSet<string>(["new-key", "help", "server"], StringComparer.Ordinal));
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

    var settingsPath = LocalSettings.Resolve(options.GetValueOrDefault("settings"), Environment.CurrentDirectory, AppContext.BaseDirectory);
    var values = LocalSettings.ReadValues(settingsPath, required: !options.ContainsKey("key"));
    string Setting(string option, string key, string? fallback = null) =>
        options.GetValueOrDefault(option) ?? NonEmpty(values.GetValueOrDefault("Chat:Auth:" + key)) ?? fallback
        ?? throw new ArgumentException($"Pass --{option} or set Values[\"Chat:Auth:{key}\"] in {settingsPath} (for DevSigningKey: the output of --new-key).");

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

static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
