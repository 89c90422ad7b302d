// Azure SignalR Service in Serverless mode: the function app negotiates client connections and
// sends messages through the service REST API (SignalR output binding). Access keys are
// disabled; the app authenticates with its managed identity (SignalR Service Owner role).
// One upstream sends the hub's connection events (connected, disconnected) to the SignalR
// trigger's webhook of the function app (presence). With access keys disabled the extension
// cannot check the X-ASRS-Signature header, and it does not validate an upstream bearer token:
// the webhook's key in the URL (?code=, the host system key signalr_extension) is what admits
// the call. The service reads that key from Key Vault with its own user-assigned identity
// (a Key Vault reference in the URL template), so the key is not stored in these properties.

@minLength(3)
@maxLength(63)
@description('Globally unique SignalR Service name.')
param name string

@description('Azure region of the service.')
param location string

@description('Tags applied to the service.')
param tags object

@allowed([
  'Free_F1'
  'Standard_S1'
  'Premium_P1'
])
@description('SKU name; the tier is derived from it.')
param skuName string

@minValue(1)
@description('Units (Free_F1 allows exactly 1).')
param capacity int = 1

@minLength(1)
@description('Browser origins allowed to call the service (client negotiate and connect).')
param allowedOrigins array

@description('Resource id of the user-assigned identity the service resolves Key Vault references with.')
param identityId string

@minLength(1)
@description('Hub whose connection events go to the upstream (the app\'s one hub).')
param upstreamHub string

@minLength(1)
@description('URL template of the upstream: the function app\'s SignalR trigger webhook, its key a Key Vault reference.')
param upstreamUrlTemplate string

var skuTier = startsWith(skuName, 'Free') ? 'Free' : (startsWith(skuName, 'Premium') ? 'Premium' : 'Standard')

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' = {
  name: name
  location: location
  tags: tags
  kind: 'SignalR'
  sku: {
    name: skuName
    tier: skuTier
    capacity: capacity
  }
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    features: [
      {
        flag: 'ServiceMode'
        value: 'Serverless'
      }
      {
        flag: 'EnableConnectivityLogs'
        value: 'True'
      }
      {
        flag: 'EnableMessagingLogs'
        value: 'False'
      }
    ]
    cors: {
      allowedOrigins: allowedOrigins
    }
    // Only connection events of the app's hub; nothing else goes upstream (clients' hub method calls
    // have no trigger). No auth block: nothing on the Functions side would validate its token.
    upstream: {
      templates: [
        {
          hubPattern: upstreamHub
          categoryPattern: 'connections'
          eventPattern: 'connected,disconnected'
          urlTemplate: upstreamUrlTemplate
        }
      ]
    }
    disableLocalAuth: true
    disableAadAuth: false
    publicNetworkAccess: 'Enabled'
    tls: {
      clientCertEnabled: false
    }
  }
}

@description('Name of the SignalR Service.')
output name string = signalR.name

@description('Service endpoint (https://<name>.service.signalr.net), used as AzureSignalRConnectionString__serviceUri.')
output endpoint string = 'https://${signalR.properties.hostName}'
