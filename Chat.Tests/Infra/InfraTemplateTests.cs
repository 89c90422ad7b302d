using Chat.Shared.Realtime;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Chat.Tests.Infra;

/// <summary>
/// Static checks on infra/ (no Bicep compiler needed): the templates are read as text from the
/// repository root at run time, so a change to any template or to cosmos-containers.json is
/// checked by the next test run.
/// </summary>
public class InfraTemplateTests
{
    // Built-in role definitions the identity may receive: the data-plane roles the app needs.
    private static readonly HashSet<string> AllowedRoleDefinitionIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "b7e6dc6d-f1e8-4753-8033-0f276bb0955b", // Storage Blob Data Owner
        "ba92f5b4-2d11-453d-a403-e96b0029c9fe", // Storage Blob Data Contributor
        "db58b8e5-c6ad-4a2a-8342-4190687cbf4a", // Storage Blob Delegator
        "974c5e8b-45b9-4653-ba55-5f855dd0fb88", // Storage Queue Data Contributor
        "7e4f1700-ea5a-4f59-8f37-079cfe29dce3", // SignalR Service Owner
        "3913510d-42f4-4e42-8a64-420c390055eb", // Monitoring Metrics Publisher
        "00000000-0000-0000-0000-000000000002", // Cosmos DB Built-in Data Contributor
        "4633458b-17de-408a-b874-0445c86b69e6", // Key Vault Secrets User (SignalR Service reads its upstream key)
        EventGridDataSenderRoleId, // EventGrid Data Sender
    };

    private const string EventGridDataSenderRoleId = "d5a91429-5739-47e2-a06b-3470a27159e7";

    private const string OwnerRoleId = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string ContributorRoleId = "b24988ac-6182-4a8f-94cf-fd37de0f0d09";

    private static readonly string[] RequiredOutputs =
    [
        "AZURE_FUNCTION_APP_NAME",
        "FUNCTION_APP_URL",
        "SIGNALR_ENDPOINT",
        "COSMOS_ENDPOINT",
        "COSMOS_DATABASE_NAME",
        "ATTACHMENTS_BLOB_ENDPOINT",
        "HOST_STORAGE_BLOB_ENDPOINT",
        "AZURE_RESOURCE_GROUP",
        "MANAGED_IDENTITY_CLIENT_ID",
        "EVENT_GRID_TOPIC_ENDPOINT",
        "EVENT_GRID_TOPIC_NAME",
    ];


    [Fact]
    public void CosmosModule_LoadsContainerDefinitionsFromJson_AndLoopsOverThem()
    {
        var bicep = ReadInfra("modules/cosmos.bicep");

        var load = Regex.Match(bicep, @"var\s+(\w+)\s*=\s*loadJsonContent\(\s*'(\.\./)?cosmos-containers\.json'\s*\)");
        Assert.True(load.Success, "cosmos.bicep must read cosmos-containers.json with loadJsonContent.");
        var configVariable = load.Groups[1].Value;

        Assert.Matches(new Regex($@"\[\s*for\s+\w+\s+in\s+{configVariable}\.containers\s*:"), bicep);
        Assert.Matches(new Regex($@"name:\s*{configVariable}\.databaseName"), bicep);
    }

    [Fact]
    public void BicepFiles_DoNotHardcodeContainerNames()
    {
        var containerNames = ReadContainers().Select(c => c.GetProperty("name").GetString()!).ToList();
        Assert.NotEmpty(containerNames);

        foreach (var (path, text) in BicepFiles())
        {
            // The SignalR hub is named like the chat container; its one declaration is checked against ChatHub.Name.
            var withoutHubName = Regex.Replace(text, @"(?m)^var chatHubName = '[^']*'$", string.Empty);
            foreach (var containerName in containerNames)
            {
                Assert.False(
                    withoutHubName.Contains($"'{containerName}'", StringComparison.Ordinal),
                    $"{path} hardcodes container '{containerName}'; containers come from cosmos-containers.json.");
            }
        }
    }

    [Fact]
    public void CosmosContainersJson_EveryContainerHasNameAndPartitionKey()
    {
        var containers = ReadContainers();

        Assert.NotEmpty(containers);
        foreach (var container in containers)
        {
            var name = container.GetProperty("name").GetString();
            Assert.False(string.IsNullOrWhiteSpace(name), "Every container needs a name.");

            var partitionKeyPath = container.GetProperty("partitionKeyPath").GetString();
            Assert.True(
                partitionKeyPath is { Length: > 1 } && partitionKeyPath.StartsWith('/'),
                $"Container '{name}' needs a partitionKeyPath starting with '/', got '{partitionKeyPath}'.");
        }

        Assert.Equal(containers.Count, containers.Select(c => c.GetProperty("name").GetString()).Distinct().Count());
    }

    [Fact]
    public void CosmosContainersJson_IndexingIsOptInExceptLeases()
    {
        foreach (var container in ReadContainers())
        {
            var name = container.GetProperty("name").GetString();
            if (name == "leases")
            {
                continue;
            }

            var excluded = PathsOf(container, "excludedPaths");
            Assert.True(excluded.Contains("/*"), $"Container '{name}' must exclude '/*' and include only queried paths.");
        }
    }

    [Fact]
    public void CosmosContainersJson_ChatContainerDoesNotIndexMessageContent()
    {
        var chat = Assert.Single(ReadContainers(), c => c.GetProperty("name").GetString() == "chat");

        var included = PathsOf(chat, "includedPaths");

        Assert.DoesNotContain("/*", included);
        Assert.DoesNotContain("/content/?", included);
        Assert.DoesNotContain(included, path => path.StartsWith("/content", StringComparison.Ordinal));
    }

    [Fact]
    public void CosmosContainersJson_TtlIsNullOrAnInteger()
    {
        foreach (var container in ReadContainers())
        {
            var ttl = container.GetProperty("defaultTtl");
            Assert.True(
                ttl.ValueKind is JsonValueKind.Null || (ttl.ValueKind is JsonValueKind.Number && ttl.GetInt32() >= -1),
                $"Container '{container.GetProperty("name").GetString()}' needs defaultTtl null, -1 or a positive number of seconds.");
        }
    }

    [Fact]
    public void Templates_ContainNoKeysOrSecrets()
    {
        string[] forbidden =
        [
            "listKeys(",
            "listConnectionStrings(",
            "AccountKey=",
            "SharedAccessKey",
            "InstrumentationKey=",
            "DefaultEndpointsProtocol=",
        ];

        var files = BicepFiles().Concat(ParameterFiles()).ToList();
        Assert.NotEmpty(files);

        foreach (var (path, text) in files)
        {
            foreach (var token in forbidden)
            {
                Assert.False(
                    text.Contains(token, StringComparison.OrdinalIgnoreCase),
                    $"{path} contains '{token}': use identity-based connections, never keys.");
            }

            Assert.DoesNotMatch(new Regex(@"(?i)connectionString\s*[:=]\s*'[^']*(key|secret|password)[^']*'"), text);
            Assert.DoesNotMatch(new Regex(@"(?i)@secure\(\)[^\n]*\n[^\n]*=\s*'[^']+'"), text);
        }
    }

    [Theory]
    [InlineData("modules/cosmos.bicep")]
    [InlineData("modules/signalr.bicep")]
    [InlineData("modules/monitoring.bicep")]
    [InlineData("modules/event-grid.bicep")]
    public void DataServices_DisableLocalAuth(string module)
    {
        // Application Insights spells the property DisableLocalAuth; ARM property names are case-insensitive.
        Assert.Matches(new Regex(@"(?im)^\s*disableLocalAuth:\s*true\s*$"), ReadInfra(module));
    }

    [Theory]
    [InlineData("modules/host-storage.bicep")]
    [InlineData("modules/attachments-storage.bicep")]
    public void StorageAccounts_AllowNoSharedKeysNoPublicBlobsAndTls12(string module)
    {
        var bicep = ReadInfra(module);

        Assert.Matches(new Regex(@"(?m)^\s*allowSharedKeyAccess:\s*false\s*$"), bicep);
        Assert.Matches(new Regex(@"(?m)^\s*allowBlobPublicAccess:\s*false\s*$"), bicep);
        Assert.Matches(new Regex(@"(?m)^\s*minimumTlsVersion:\s*'TLS1_2'\s*$"), bicep);
        Assert.Matches(new Regex(@"(?m)^\s*supportsHttpsTrafficOnly:\s*true\s*$"), bicep);
    }

    [Fact]
    public void AttachmentsStorage_DeletesPendingUploadsByIndexTag()
    {
        var bicep = ReadInfra("modules/attachments-storage.bicep");

        Assert.Contains("managementPolicies@", bicep, StringComparison.Ordinal);
        Assert.Contains("name: 'chat-state'", bicep, StringComparison.Ordinal);
        Assert.Contains("value: 'pending'", bicep, StringComparison.Ordinal);
        Assert.Contains("daysAfterModificationGreaterThan: pendingUploadRetentionDays", bicep, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"publicAccess:\s*'None'"), bicep);
    }

    [Fact]
    public void SignalR_RunsInServerlessMode()
    {
        var bicep = ReadInfra("modules/signalr.bicep");

        Assert.Matches(new Regex(@"flag:\s*'ServiceMode'\s*\n\s*value:\s*'Serverless'"), bicep);
        Assert.Contains("kind: 'SignalR'", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionApp_RunsOnFlexConsumptionWithDotnetIsolated10()
    {
        var bicep = ReadInfra("modules/function-app.bicep");

        Assert.Contains("tier: 'FlexConsumption'", bicep, StringComparison.Ordinal);
        Assert.Contains("name: 'FC1'", bicep, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"name:\s*'dotnet-isolated'\s*\n\s*version:\s*'10\.0'"), bicep);
        Assert.Contains("type: 'UserAssignedIdentity'", bicep, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"(?m)^\s*httpsOnly:\s*true\s*$"), bicep);
        Assert.Matches(new Regex(@"(?m)^\s*ftpsState:\s*'Disabled'\s*$"), bicep);
        // Flex Consumption takes the runtime from functionAppConfig; these settings are rejected there.
        Assert.DoesNotMatch(new Regex(@"(?m)^\s*FUNCTIONS_(WORKER_RUNTIME|EXTENSION_VERSION)\s*:"), bicep);
    }

    [Fact]
    public void FunctionApp_UsesOnlyIdentityBasedConnections()
    {
        var bicep = ReadInfra("modules/function-app.bicep");

        foreach (var connection in new[] { "AzureWebJobsStorage", "CosmosDb", "AzureSignalRConnectionString", "Attachments", "EventGrid" })
        {
            Assert.Contains($"{connection}__credential: 'managedidentity'", bicep, StringComparison.Ordinal);
            Assert.Contains($"{connection}__clientId: identityClientId", bicep, StringComparison.Ordinal);
        }

        Assert.Contains("Authorization=AAD", bicep, StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"(?m)^\s*AzureWebJobsStorage\s*:"), bicep);
    }

    [Fact]
    public void EventGridTopic_TakesCloudEvents10Only_FromEntraIdentitiesOnly_AtTheGaApiVersion()
    {
        var bicep = ReadInfra("modules/event-grid.bicep");

        Assert.Contains("resource topic 'Microsoft.EventGrid/topics@2025-02-15'", bicep, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"(?m)^\s*inputSchema:\s*'CloudEventSchemaV1_0'\s*$"), bicep);
        Assert.Matches(new Regex(@"(?m)^\s*disableLocalAuth:\s*true\s*$"), bicep);
        Assert.Matches(new Regex(@"(?m)^\s*minimumTlsVersionAllowed:\s*'1\.2'\s*$"), bicep);
        Assert.Contains("output endpoint string = topic.properties.endpoint", bicep, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGridTopic_TheAppIdentity_HoldsEventGridDataSender_OnTheTopicOnly()
    {
        var rbac = ReadInfra("modules/rbac.bicep");
        var main = ReadInfra("main.bicep");

        Assert.Contains($"eventGridDataSender: '{EventGridDataSenderRoleId}'", rbac, StringComparison.Ordinal);
        var assignment = Regex.Match(rbac, @"resource eventGridDataSender 'Microsoft\.Authorization/roleAssignments@[^']+' = \{(?<body>.*?)\n\}", RegexOptions.Singleline);
        Assert.True(assignment.Success, "rbac.bicep must assign EventGrid Data Sender.");
        var body = assignment.Groups["body"].Value;
        Assert.Matches(new Regex(@"(?m)^\s*scope:\s*eventGridTopic\s*$"), body);
        Assert.Contains("roleIds.eventGridDataSender", body, StringComparison.Ordinal);
        Assert.Contains("principalId: principalId", body, StringComparison.Ordinal);
        Assert.Contains("principalType: 'ServicePrincipal'", body, StringComparison.Ordinal);
        Assert.Contains("resource eventGridTopic 'Microsoft.EventGrid/topics@2025-02-15' existing", rbac, StringComparison.Ordinal);
        Assert.Contains("eventGridTopicName: eventGrid.outputs.name", main, StringComparison.Ordinal);
    }

    [Fact]
    public void EventGridTopic_TheAppGetsItsEndpoint_AndTheNotificationSweepItsSchedule()
    {
        var main = ReadInfra("main.bicep");

        Assert.Contains("module eventGrid 'modules/event-grid.bicep'", main, StringComparison.Ordinal);
        Assert.Contains("EventGrid__topicEndpointUri: eventGrid.outputs.endpoint", main, StringComparison.Ordinal);
        Assert.Contains("Chat__Events__Enabled: 'true'", main, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Chat__Notifications__SweepSchedule:\s*'[^']+'"), main);
        Assert.Contains("output EVENT_GRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint", main, StringComparison.Ordinal);
    }

    [Fact]
    public void RoleAssignments_UseOnlyAllowedRoleDefinitions()
    {
        var guid = new Regex(@"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b");
        var found = 0;

        foreach (var (path, text) in BicepFiles())
        {
            Assert.DoesNotContain(OwnerRoleId, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(ContributorRoleId, text, StringComparison.OrdinalIgnoreCase);

            foreach (Match match in guid.Matches(text))
            {
                found++;
                Assert.True(
                    AllowedRoleDefinitionIds.Contains(match.Value),
                    $"{path} uses role definition {match.Value}, which is not in the allowed least-privilege list.");
            }
        }

        Assert.True(found > 0, "Expected role definition ids in the templates.");
    }

    [Fact]
    public void MainBicep_OutputsAreUpperSnakeCase_AndIncludeWhatTheAppNeeds()
    {
        var bicep = ReadInfra("main.bicep");

        var outputs = Regex.Matches(bicep, @"(?m)^output\s+(\S+)\s").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(outputs);
        Assert.All(outputs, name => Assert.Matches(new Regex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$"), name));
        foreach (var required in RequiredOutputs)
        {
            Assert.Contains(required, outputs);
        }
    }

    [Fact]
    public void MainBicep_EveryParameterHasDescription()
    {
        var lines = ReadInfra("main.bicep").Split('\n');

        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("param ", StringComparison.Ordinal))
            {
                continue;
            }

            var decorators = lines.Take(i).Reverse().TakeWhile(l => l.StartsWith('@') || l.StartsWith(' ') || l.StartsWith('}') || l.StartsWith(')') || l.StartsWith(']'));
            Assert.True(
                decorators.Any(l => l.StartsWith("@description(", StringComparison.Ordinal)),
                $"main.bicep: '{lines[i].Trim()}' has no @description.");
        }
    }

    [Fact]
    public void MainParameters_IsValidJsonWithAzdPlaceholders()
    {
        using var document = JsonDocument.Parse(ReadInfra("main.parameters.json"));

        var parameters = document.RootElement.GetProperty("parameters");
        Assert.Equal("${AZURE_ENV_NAME}", parameters.GetProperty("environmentName").GetProperty("value").GetString());
        Assert.Equal("${AZURE_LOCATION}", parameters.GetProperty("location").GetProperty("value").GetString());

        var mainBicep = ReadInfra("main.bicep");
        foreach (var parameter in parameters.EnumerateObject())
        {
            Assert.Matches(new Regex($@"(?m)^param\s+{Regex.Escape(parameter.Name)}\s"), mainBicep);
        }
    }

    [Fact]
    public void Presence_SignalRUpstream_SendsOnlyTheHubsConnectionEvents_ToTheSignalRTriggerWebhook()
    {
        var module = ReadInfra("modules/signalr.bicep");
        var main = ReadInfra("main.bicep");

        var template = Regex.Match(module, @"upstream:\s*\{\s*templates:\s*\[\s*\{(?<body>[^}]*)\}\s*\]");
        Assert.True(template.Success, "signalr.bicep must configure one upstream template.");
        var body = template.Groups["body"].Value;
        Assert.Matches(new Regex(@"hubPattern:\s*upstreamHub\s*\n"), body);
        Assert.Contains($"categoryPattern: '{ChatHub.ConnectionsCategory}'", body, StringComparison.Ordinal);
        Assert.Contains($"eventPattern: '{ChatHub.ConnectedEvent},{ChatHub.DisconnectedEvent}'", body, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"urlTemplate:\s*upstreamUrlTemplate\s*\n"), body);

        Assert.Contains($"var chatHubName = '{ChatHub.Name}'", main, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"upstreamHub:\s*chatHubName\s*\n"), main);
        Assert.Contains("var signalRWebhookUrl = 'https://${functionAppHostName}/runtime/webhooks/signalr'", main, StringComparison.Ordinal);
        Assert.Contains("var functionAppHostName = '${functionAppName}.azurewebsites.net'", main, StringComparison.Ordinal);
    }

    /// <summary>The upstream sends exactly the events Chat.Functions has triggers for, on the one hub.</summary>
    [Fact]
    public void Presence_SignalRUpstream_MatchesTheTriggerFunctions()
    {
        var triggers = Chat.Tests.Http.FunctionsSources.SignalRTriggerFunctions(Path.Combine(RepositoryFiles.Root, "Chat.Functions"));
        var module = ReadInfra("modules/signalr.bicep");

        Assert.Equal(
            [(ChatHub.Name, ChatHub.ConnectionsCategory, ChatHub.ConnectedEvent), (ChatHub.Name, ChatHub.ConnectionsCategory, ChatHub.DisconnectedEvent)],
            triggers.Select(t => (t.Hub, t.Category, t.Event)).Order());
        var events = Regex.Match(module, @"eventPattern:\s*'(?<events>[^']*)'").Groups["events"].Value.Split(',');
        Assert.Equal(triggers.Select(t => t.Event).Order(StringComparer.Ordinal), events.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Presence_SignalRUpstreamKey_IsAKeyVaultReference_ReadWithTheServicesOwnIdentity()
    {
        var main = ReadInfra("main.bicep");
        var module = ReadInfra("modules/signalr.bicep");
        var vault = ReadInfra("modules/keyvault.bicep");

        // The key travels as a reference to this deployment's secret version, never as a value in the URL.
        Assert.Contains(
            "upstreamUrlTemplate: '${signalRWebhookUrl}?code={@Microsoft.KeyVault(SecretUri=${keyVault.outputs.upstreamKeyUri})}'",
            main, StringComparison.Ordinal);
        Assert.Contains("output upstreamKeyUri string = upstreamKey.properties.secretUriWithVersion", vault, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"type:\s*'UserAssigned'\s*\n\s*userAssignedIdentities:\s*\{\s*\n\s*'\$\{identityId\}':\s*\{\}"), module);
        Assert.Matches(new Regex(@"identityId:\s*signalRIdentity\.outputs\.id\s*\n"), main);
        Assert.Matches(new Regex(@"readerPrincipalId:\s*signalRIdentity\.outputs\.principalId\s*\n"), main);

        // The vault authorizes with RBAC only, and the service's identity may read the one secret.
        Assert.Matches(new Regex(@"(?m)^\s*enableRbacAuthorization:\s*true\s*$"), vault);
        Assert.DoesNotContain("accessPolicies", vault, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"scope:\s*upstreamKey\s*\n\s*properties:\s*\{[^}]*principalId:\s*readerPrincipalId"), vault);
    }

    [Fact]
    public void Presence_SignalRExtensionKey_IsOneSecureParameter_GeneratedPerDeployment_GivenToTheHostAndTheVault()
    {
        var main = ReadInfra("main.bicep");
        var app = ReadInfra("modules/function-app.bicep");

        Assert.Matches(new Regex(@"@secure\(\)\s*\nparam signalRExtensionKey string = newGuid\(\)\s*\n"), main);
        Assert.Equal(2, Regex.Count(main, @"signalRExtensionKey:\s*signalRExtensionKey\s*\n"));
        Assert.DoesNotContain("signalRExtensionKey", ReadInfra("main.parameters.json"), StringComparison.Ordinal);
        Assert.DoesNotMatch(new Regex(@"(?m)^output\s.*signalRExtensionKey"), main);

        // The host's system key the SignalR extension's webhook checks, set before any code runs.
        Assert.Matches(new Regex(@"'Microsoft\.Web/sites/host/systemKeys@[0-9-]+' = \{\s*\n\s*parent:\s*host\s*\n\s*name:\s*'signalr_extension'"), app);
        Assert.Matches(new Regex(@"name:\s*'signalr_extension'\s*\n\s*value:\s*signalRExtensionKey\s*\n"), app);
        Assert.Matches(new Regex(@"@secure\(\)\s*\n@description\([^\n]*\)\s*\nparam signalRExtensionKey string\s*\n"), app);
    }

    [Fact]
    public void Presence_FunctionApp_SchedulesThePresenceSweep_WithTheSettingTheTimerReads()
    {
        var main = ReadInfra("main.bicep");
        var function = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "Chat.Functions", "Functions", "PresenceSweepFunction.cs"));

        Assert.Contains("[TimerTrigger(\"%Chat:PresenceSweepSchedule%\")]", function, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"Chat__PresenceSweepSchedule:\s*'[^']+'"), main);
    }

    [Fact]
    public void Presence_SignalREmulator_SendsTheHubsConnectionEvents_ToTheLocalFunctionsHost()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docker", "signalr-emulator", "settings.json")));
        var dockerfile = File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docker", "signalr-emulator", "Dockerfile"));

        var template = Assert.Single(settings.RootElement.GetProperty("UpstreamSettings").GetProperty("Templates").EnumerateArray());
        // The emulator runs in a container: the Functions host on the machine is host.docker.internal, which compose maps.
        Assert.Equal("http://host.docker.internal:7071/runtime/webhooks/signalr", template.GetProperty("UrlTemplate").GetString());
        Assert.Contains("host.docker.internal:host-gateway", File.ReadAllText(Path.Combine(RepositoryFiles.Root, "docker-compose.yml")), StringComparison.Ordinal);
        Assert.Equal(ChatHub.Name, template.GetProperty("HubPattern").GetString());
        Assert.Equal(ChatHub.ConnectionsCategory, template.GetProperty("CategoryPattern").GetString());
        Assert.Equal($"{ChatHub.ConnectedEvent},{ChatHub.DisconnectedEvent}", template.GetProperty("EventPattern").GetString());
        Assert.Contains("COPY settings.json /emulator/settings.json", dockerfile, StringComparison.Ordinal);
        Assert.Matches(new Regex(@"ENTRYPOINT \[.*""start"".*""-c"", ""/emulator/settings\.json""\]"), dockerfile);
    }

    private static List<JsonElement> ReadContainers()
    {
        using var document = JsonDocument.Parse(ReadInfra("cosmos-containers.json"));
        var root = document.RootElement.Clone();
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("databaseName").GetString()));
        return root.GetProperty("containers").EnumerateArray().ToList();
    }

    private static List<string> PathsOf(JsonElement container, string property) =>
        container.GetProperty("indexingPolicy").GetProperty(property).EnumerateArray()
            .Select(p => p.GetProperty("path").GetString()!)
            .ToList();

    private static string ReadInfra(string relativePath) =>
        File.ReadAllText(Path.Combine(RepositoryFiles.Root, "infra", relativePath));

    private static IEnumerable<(string Path, string Text)> BicepFiles() =>
        InfraFiles("*.bicep");

    private static IEnumerable<(string Path, string Text)> ParameterFiles() =>
        InfraFiles("*.parameters.json").Concat(InfraFiles("*.bicepparam"));

    private static IEnumerable<(string Path, string Text)> InfraFiles(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "infra"), pattern, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetRelativePath(RepositoryFiles.Root, path), File.ReadAllText(path)));
}
