// Azure SignalR Service in Serverless mode: the function app negotiates client connections and
// sends messages through the service REST API (SignalR output binding). Access keys are
// disabled; the app authenticates with its managed identity (SignalR Service Owner role).
// No upstream is configured: negotiate + output bindings need none. A SignalR trigger (for
// example presence from connection events) would need an upstream URL with a function key.

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
