using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Chat.Shared.Storage.Cosmos;
using Chat.Tools;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Logging;

// Creates the Cosmos DB database and containers of infra/cosmos-containers.json, or brings existing ones up to their
// definition, and exits. Local emulators only (in Azure, Bicep owns them). scripts/start-local.sh runs it before
// `func start`, so the Cosmos DB trigger never starts before the containers it reads exist.
const string Usage = """
    Usage: dotnet run --project tools/Chat.Provision -- [--emulator classic|vnext] [--settings <path>]
                      [--connection <Cosmos DB connection string>] [--database <name>] [--wait-seconds 300]
    Creates the database and the containers of infra/cosmos-containers.json, or updates the indexing policy and
    default TTL of containers that differ from it, then exits. Run it before `func start`.
      --emulator classic  the classic emulator or an account reached with a key (default): everything is applied
      --emulator vnext    the Linux vNext emulator: no custom indexing policy, and existing containers are never updated
    The connection string, database name and connection setting name come from Chat.Functions/local.settings.json of
    the repository above the working directory (or above the tool) unless given. Waits up to --wait-seconds for the
    emulator to answer. Exit codes: 0 done, 1 failed, 2 bad arguments.
    """;

string connection;
string endpoint;
string databaseName;
CosmosProvisioningCapabilities capabilities;
TimeSpan wait;
try
{
    var options = Arguments.Parse(args, new HashSet<string>(["help"], StringComparer.Ordinal));
    if (options.ContainsKey("help"))
    {
        Console.WriteLine(Usage);
        return 0;
    }

    capabilities = options.GetValueOrDefault("emulator") switch
    {
        null or "classic" => CosmosProvisioningCapabilities.Full,
        "vnext" => CosmosProvisioningCapabilities.VNextEmulator,
        var other => throw new ArgumentException($"--emulator must be classic or vnext, not '{other}'."),
    };
    var settingsPath = LocalSettings.Resolve(options.GetValueOrDefault("settings"), Environment.CurrentDirectory, AppContext.BaseDirectory);
    var values = LocalSettings.ReadValues(settingsPath, required: !options.ContainsKey("connection"));
    var connectionName = NonEmpty(values.GetValueOrDefault("Chat:Cosmos:ConnectionName")) ?? "CosmosDb";
    connection = options.GetValueOrDefault("connection") ?? NonEmpty(values.GetValueOrDefault(connectionName))
        ?? throw new ArgumentException($"No Cosmos DB connection string: set Values[\"{connectionName}\"] in {settingsPath} or pass --connection.");
    endpoint = AccountEndpoint(connection) ?? throw new ArgumentException("The Cosmos DB connection string has no AccountEndpoint.");
    databaseName = options.GetValueOrDefault("database") ?? NonEmpty(values.GetValueOrDefault("Chat:Cosmos:DatabaseName")) ?? CosmosContainerDefinitions.DatabaseName;
    wait = TimeSpan.FromSeconds(int.Parse(options.GetValueOrDefault("wait-seconds") ?? "300", NumberStyles.None, CultureInfo.InvariantCulture));
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IOException or JsonException or OverflowException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};
using var loggerFactory = LoggerFactory.Create(logging => logging.AddSimpleConsole(console => console.SingleLine = true));
var logger = loggerFactory.CreateLogger("Chat.Provision");
var settings = new CosmosSettings { DatabaseName = databaseName, ApplicationName = "FuncChat.Provision" };
var deadline = DateTimeOffset.UtcNow + wait;
var lastReport = DateTimeOffset.MinValue;
Console.WriteLine($"Provisioning Cosmos DB database '{databaseName}' at {endpoint} ({(capabilities.CustomIndexingPolicy ? "indexing policies applied" : "vNext emulator: no custom indexing policy, no container updates")}).");
while (true)
{
    using var client = CosmosClientFactory.CreateFromConnectionString(connection, settings, loggerFactory);
    try
    {
        var plans = await CosmosProvisioner.ProvisionAsync(client, databaseName, capabilities, logger, TimeProvider.System, cancellation.Token);
        Report(plans);
        return 0;
    }
    catch (Exception ex) when (IsTransient(ex, cancellation.Token) && DateTimeOffset.UtcNow < deadline)
    {
        if (DateTimeOffset.UtcNow - lastReport > TimeSpan.FromSeconds(15))
        {
            Console.WriteLine($"Waiting for Cosmos DB at {endpoint} to answer ({Reason(ex)})...");
            lastReport = DateTimeOffset.UtcNow;
        }

        await Task.Delay(TimeSpan.FromSeconds(3), cancellation.Token);
    }
    catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
    {
        Console.Error.WriteLine("Cancelled.");
        return 1;
    }
    catch (Exception ex) when (ex is InvalidOperationException or CosmosException or HttpRequestException or OperationCanceledException)
    {
        Console.Error.WriteLine($"Provisioning failed: {Reason(ex)}");
        return 1;
    }
}

static void Report(IReadOnlyList<ContainerPlan> plans)
{
    var width = plans.Max(p => p.Container.Length) + 2;
    foreach (var plan in plans)
    {
        var what = plan.Action switch
        {
            ContainerAction.Create => "created",
            ContainerAction.Update => "updated: " + string.Join("; ", plan.Changes),
            ContainerAction.UpToDate => "up to date",
            ContainerAction.CannotUpdate => "NOT updated (this emulator cannot update a container; scripts/start-local.sh --reset recreates it): "
                + string.Join("; ", plan.Changes),
            _ => plan.Action.ToString(),
        };
        Console.WriteLine($"  {plan.Container.PadRight(width)}{what}");
    }

    foreach (var note in plans.SelectMany(p => p.NotApplied).Distinct(StringComparer.Ordinal).Where(n => !plans.Any(p => p.Changes.Contains(n))))
    {
        Console.WriteLine($"  not applied on this emulator: {note}");
    }
}

// The emulator is still starting (or not reachable yet): worth another attempt until the deadline.
static bool IsTransient(Exception ex, CancellationToken cancellationToken) => ex switch
{
    CosmosException cosmos => cosmos.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.RequestTimeout
        or HttpStatusCode.TooManyRequests or HttpStatusCode.Gone,
    HttpRequestException => true,
    OperationCanceledException => !cancellationToken.IsCancellationRequested,
    AggregateException aggregate => aggregate.InnerExceptions.All(inner => IsTransient(inner, cancellationToken)),
    _ => false,
};

static string Reason(Exception ex) => ex switch
{
    CosmosException cosmos => $"{(int)cosmos.StatusCode} {cosmos.StatusCode}",
    _ when ex.InnerException is not null => $"{ex.Message} ({ex.InnerException.Message})",
    _ => ex.Message,
};

static string? AccountEndpoint(string connectionString)
{
    var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
    return builder.TryGetValue("AccountEndpoint", out var value) ? value as string : null;
}

static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
