// FuncChat: everything the backend needs, in one subscription-scoped deployment.
// `azd up` (or `az deployment sub create`) creates the resource group and, inside it, the Flex
// Consumption function app, its host storage, the attachments storage, Cosmos DB for NoSQL,
// SignalR Service (Serverless, with the upstream the presence trigger needs), a Key Vault for
// that upstream's key, an Event Grid topic for events to the app's backend, Log Analytics +
// Application Insights, and one user-assigned managed identity that reaches every data plane
// through least-privilege roles. No keys, no connection strings: every app setting is an
// endpoint plus the identity's client id.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment (for example dev, prod). Used in the resource group name, the azd-env-name tag and the unique resource token.')
param environmentName string

@minLength(1)
@description('Azure region for every resource. Pick one where the Flex Consumption plan is available (az functionapp list-flexconsumption-locations).')
@metadata({
  azd: {
    type: 'location'
  }
})
param location string

@allowed([
  'serverless'
  'autoscale'
])
@description('Cosmos DB capacity mode: serverless (pay per request, no idle cost; the default) or autoscale (provisioned throughput per container). Cannot be switched on an existing account.')
param cosmosThroughputMode string = 'serverless'

@minValue(1000)
@maxValue(1000000)
@description('Autoscale maximum RU/s for each container when cosmosThroughputMode is autoscale (it scales between 10% of this value and the value). Ignored for serverless.')
param cosmosAutoscaleMaxThroughput int = 1000

@description('Browser origins (scheme://host[:port]) allowed to call the API, SignalR Service and the attachments blob endpoint (direct uploads with a SAS URL). Native mobile apps need none. Example: ["https://chat.contoso.com"].')
param allowedCorsOrigins array = []

@minLength(1)
@description('OpenID Connect authority whose tokens the API accepts (issuer base URL; its /.well-known/openid-configuration must be reachable), for example the v2.0 issuer of your Microsoft Entra tenant or another OIDC provider (see docs/deploy.md). Becomes Chat__Auth__Authority.')
param chatAuthAuthority string

@minLength(1)
@description('Audience (aud claim) the API requires in access tokens, for example api://funcchat or the app registration client id. Becomes Chat__Auth__Audience.')
param chatAuthAudience string

@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
@description('SignalR Service SKU. Free_F1 (20 concurrent connections, 20k messages/day, no SLA) suits development; use Standard_S1 or higher in production.')
param signalRSku string = 'Free_F1'

@minValue(1)
@maxValue(365)
@description('Days after upload after which an attachment blob still tagged chat-state=pending (never attached to a message) is deleted by the lifecycle rule.')
param pendingUploadRetentionDays int = 1

@allowed([
  2048
  4096
])
@description('Memory per Flex Consumption instance in MB.')
param instanceMemoryMB int = 2048

@description('Key of the SignalR trigger webhook: the function host system key signalr_extension, which SignalR Service presents in its upstream URL (read from Key Vault). Leave it unset: each deployment generates a new one, so every provision rotates it. Never put it in a parameters file.')
@secure()
param signalRExtensionKey string = newGuid()

@minValue(40)
@maxValue(1000)
@description('Upper bound on Flex Consumption instances (caps cost and downstream load).')
param maximumInstanceCount int = 100

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
}

var functionAppName = '${abbrs.webSitesFunctions}api-${resourceToken}'
// The app's default host name (no unique default host name is requested). SignalR Service needs it before the app
// exists: its CORS rule and its upstream, while the app needs the service's endpoint first.
var functionAppHostName = '${functionAppName}.azurewebsites.net'
var attachmentsContainerName = 'attachments'

// SignalR Service does not document an empty CORS list as deny-all, so with no browser origins
// configured only the API's own origin is allowed (browsers elsewhere are refused).
var signalRCorsOrigins = empty(allowedCorsOrigins) ? ['https://${functionAppHostName}'] : allowedCorsOrigins

// The hub of the app (Chat.Shared ChatHub.Name) and the SignalR extension's webhook, the one endpoint of every SignalR
// trigger; hub, category and event travel in headers.
var chatHubName = 'chat'
var signalRWebhookUrl = 'https://${functionAppHostName}/runtime/webhooks/signalr'

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}api-${resourceToken}'
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    appInsightsName: '${abbrs.insightsComponents}${resourceToken}'
    location: location
    tags: tags
  }
}

module hostStorage 'modules/host-storage.bicep' = {
  name: 'host-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}func${resourceToken}'
    location: location
    tags: tags
  }
}

module attachmentsStorage 'modules/attachments-storage.bicep' = {
  name: 'attachments-storage'
  scope: rg
  params: {
    name: '${abbrs.storageStorageAccounts}att${resourceToken}'
    location: location
    tags: tags
    containerName: attachmentsContainerName
    allowedCorsOrigins: allowedCorsOrigins
    pendingUploadRetentionDays: pendingUploadRetentionDays
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  scope: rg
  params: {
    name: '${abbrs.documentDBDatabaseAccounts}${resourceToken}'
    location: location
    tags: tags
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

// SignalR Service's own identity: it reads the upstream key from Key Vault, nothing else.
module signalRIdentity 'modules/identity.bicep' = {
  name: 'signalr-identity'
  scope: rg
  params: {
    name: '${abbrs.managedIdentityUserAssignedIdentities}signalr-${resourceToken}'
    location: location
    tags: tags
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: '${abbrs.keyVaultVaults}${resourceToken}'
    location: location
    tags: tags
    signalRExtensionKey: signalRExtensionKey
    readerPrincipalId: signalRIdentity.outputs.principalId
  }
}

module signalR 'modules/signalr.bicep' = {
  name: 'signalr'
  scope: rg
  params: {
    name: '${abbrs.signalRServiceSignalR}${resourceToken}'
    location: location
    tags: tags
    skuName: signalRSku
    allowedOrigins: signalRCorsOrigins
    identityId: signalRIdentity.outputs.id
    upstreamHub: chatHubName
    // The secret's version is in the reference, so a new key changes the upstream settings and the service reads it
    // at once (it rereads an unchanged reference only every 30 minutes).
    upstreamUrlTemplate: '${signalRWebhookUrl}?code={@Microsoft.KeyVault(SecretUri=${keyVault.outputs.upstreamKeyUri})}'
  }
}

module eventGrid 'modules/event-grid.bicep' = {
  name: 'event-grid'
  scope: rg
  params: {
    name: '${abbrs.eventGridDomainsTopics}${resourceToken}'
    location: location
    tags: tags
  }
}

module rbac 'modules/rbac.bicep' = {
  name: 'rbac'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    hostStorageAccountName: hostStorage.outputs.name
    attachmentsStorageAccountName: attachmentsStorage.outputs.name
    attachmentsContainerName: attachmentsStorage.outputs.containerName
    cosmosAccountName: cosmos.outputs.accountName
    signalRName: signalR.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
    eventGridTopicName: eventGrid.outputs.name
  }
}

module functionApp 'modules/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    name: functionAppName
    planName: '${abbrs.webServerFarms}${resourceToken}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostStorageBlobEndpoint: hostStorage.outputs.blobEndpoint
    deploymentContainerName: hostStorage.outputs.deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    allowedCorsOrigins: allowedCorsOrigins
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    signalRExtensionKey: signalRExtensionKey
    appSettings: {
      CosmosDb__accountEndpoint: cosmos.outputs.endpoint
      AzureSignalRConnectionString__serviceUri: signalR.outputs.endpoint
      Attachments__blobServiceUri: attachmentsStorage.outputs.blobEndpoint
      Chat__Cosmos__DatabaseName: cosmos.outputs.databaseName
      Chat__Auth__Authority: chatAuthAuthority
      Chat__Auth__Audience: chatAuthAudience
      Chat__Attachments__ContainerName: attachmentsStorage.outputs.containerName
      // NCRONTAB with seconds: how often the typing sweep ends expired typing indicators.
      Chat__TypingSweepSchedule: '*/5 * * * * *'
      // NCRONTAB with seconds: how often uploads no message used are removed (reservation, then blob).
      Chat__UploadSweepSchedule: '0 */15 * * * *'
      // NCRONTAB with seconds: how often the presence sweep ends offline graces and checks connections whose lease ran out.
      Chat__PresenceSweepSchedule: '*/10 * * * * *'
      // NCRONTAB with seconds: how often running user erasures (DELETE /api/server/users/{id}) advance.
      Chat__ErasureSweepSchedule: '0 * * * * *'
      // Events to the app's backend (CloudEvents to the topic, with the managed identity).
      EventGrid__topicEndpointUri: eventGrid.outputs.endpoint
      Chat__Events__Enabled: 'true'
      // NCRONTAB with seconds: how often chat.notification.due is published for messages unread after Chat__Notifications__Delay.
      Chat__Notifications__SweepSchedule: '*/10 * * * * *'
    }
  }
  // The app must not start (or receive a package) before its identity can reach storage.
  dependsOn: [
    rbac
  ]
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output FUNCTION_APP_URL string = functionApp.outputs.url
output SIGNALR_ENDPOINT string = signalR.outputs.endpoint
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output COSMOS_DATABASE_NAME string = cosmos.outputs.databaseName
output ATTACHMENTS_BLOB_ENDPOINT string = attachmentsStorage.outputs.blobEndpoint
output ATTACHMENTS_CONTAINER_NAME string = attachmentsStorage.outputs.containerName
output HOST_STORAGE_BLOB_ENDPOINT string = hostStorage.outputs.blobEndpoint
output MANAGED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output KEY_VAULT_NAME string = keyVault.outputs.name
output EVENT_GRID_TOPIC_NAME string = eventGrid.outputs.name
output EVENT_GRID_TOPIC_ENDPOINT string = eventGrid.outputs.endpoint
output EVENT_GRID_TOPIC_ID string = eventGrid.outputs.id
