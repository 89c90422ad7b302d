// A user-assigned managed identity: the function app's, for every data-plane call (host storage,
// deployment package, attachments, Cosmos DB, SignalR, Application Insights), and SignalR Service's,
// to read its upstream key from Key Vault.

@description('Name of the user-assigned managed identity.')
param name string

@description('Azure region of the identity.')
param location string

@description('Tags applied to the identity.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id of the identity (assigned to the function app or the SignalR Service).')
output id string = identity.id

@description('Client (application) id; app settings pass it as <connection>__clientId.')
output clientId string = identity.properties.clientId

@description('Principal (object) id; role assignments target it.')
output principalId string = identity.properties.principalId
