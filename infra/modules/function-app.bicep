// The FuncChat API: a .NET 10 isolated-worker function app on the Flex Consumption plan (FC1),
// running as the user-assigned managed identity. Every connection in the app settings is
// identity-based (<connection>__credential = managedidentity + __clientId); nothing here is a
// secret. Flex Consumption takes the runtime from functionAppConfig, so FUNCTIONS_WORKER_RUNTIME
// and FUNCTIONS_EXTENSION_VERSION are not set.

@minLength(2)
@maxLength(60)
@description('Globally unique function app name (also the default host name).')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region of the plan and the app.')
param location string

@description('Tags applied to the plan and the app (the app also gets azd-service-name).')
param tags object

@description('Resource id of the user-assigned managed identity the app runs as.')
param identityId string

@description('Client id of that identity, passed to every identity-based connection.')
param identityClientId string

@description('Blob endpoint of the host storage account (ends with /).')
param hostStorageBlobEndpoint string

@description('Container in the host storage account holding the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component that receives telemetry.')
param appInsightsName string

@description('Browser origins allowed to call the API. Empty: no CORS.')
param allowedCorsOrigins array

@allowed([
  2048
  4096
])
@description('Memory per instance in MB.')
param instanceMemoryMB int

@minValue(40)
@maxValue(1000)
@description('Maximum number of instances the app scales out to.')
param maximumInstanceCount int

@description('Application-specific settings (endpoints and Chat__ options) merged with the host settings built here.')
param appSettings object

@description('azd service name; azd deploy finds the app through this tag.')
param serviceName string = 'api'

@secure()
@description('Value of the host system key signalr_extension, the key of the SignalR trigger webhook (also in Key Vault for the upstream).')
param signalRExtensionKey string

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    publicNetworkAccess: 'Enabled'
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: {
        allowedOrigins: allowedCorsOrigins
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${hostStorageBlobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }
}

// Deployments go through Microsoft Entra (azd deploy, az functionapp deployment, Core Tools
// signed in with the Azure CLI), never FTP or SCM basic-auth publishing credentials.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: app
  name: 'scm'
  properties: {
    allow: false
  }
}

var identitySettings = {
  // Host storage: blob only (timer-trigger locks, host keys). No queue/table URIs: nothing uses them.
  AzureWebJobsStorage__blobServiceUri: hostStorageBlobEndpoint
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  // Cosmos DB extension (trigger) and the app's own CosmosClient: connection name CosmosDb.
  CosmosDb__credential: 'managedidentity'
  CosmosDb__clientId: identityClientId
  // SignalR extension: default connection name AzureSignalRConnectionString.
  AzureSignalRConnectionString__credential: 'managedidentity'
  AzureSignalRConnectionString__clientId: identityClientId
  // Attachments blob client (user delegation SAS, index tags): connection name Attachments.
  Attachments__credential: 'managedidentity'
  Attachments__clientId: identityClientId
  // Event Grid publisher client (events to the app's backend): connection name EventGrid, the
  // Functions convention for an identity-based Event Grid connection (__topicEndpointUri in main.bicep).
  EventGrid__credential: 'managedidentity'
  EventGrid__clientId: identityClientId
  // Telemetry with Entra auth (the component has local auth disabled).
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  // DefaultAzureCredential picks the user-assigned identity.
  AZURE_CLIENT_ID: identityClientId
}

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, identitySettings)
}

// The SignalR extension admits calls to its webhook (/runtime/webhooks/signalr) with the host system key
// signalr_extension, and creates that key on its first start only if it is missing. Setting it here gives the host and
// the SignalR upstream (through Key Vault) the same value from the first deployment on, before any code runs. The
// resource is the host-keys API (PUT .../host/default/systemKeys/{name}); Bicep has no type definitions for it.
#disable-next-line BCP081
resource host 'Microsoft.Web/sites/host@2025-03-01' existing = {
  parent: app
  name: 'default'
}

#disable-next-line BCP081
resource signalRExtensionSystemKey 'Microsoft.Web/sites/host/systemKeys@2025-03-01' = {
  parent: host
  name: 'signalr_extension'
  properties: {
    name: 'signalr_extension'
    value: signalRExtensionKey
  }
  // The host keeps its keys in the host storage account, reached through these settings.
  dependsOn: [
    settings
  ]
}

@description('Name of the function app.')
output name string = app.name

@description('Base URL of the function app (the API lives under /api).')
output url string = 'https://${app.properties.defaultHostName}'
