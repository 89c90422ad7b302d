// Key Vault for the one secret the architecture cannot avoid: the key of the SignalR trigger's webhook (the function
// host's system key signalr_extension). SignalR Service reads it with its own managed identity through a Key Vault
// reference in its upstream URL template, so the key never appears in the SignalR resource's properties, in outputs or
// in parameters files. RBAC authorization only (no access policies); the SignalR identity may read this one secret.
//   Key Vault Secrets User   4633458b-17de-408a-b874-0445c86b69e6

@minLength(3)
@maxLength(24)
@description('Globally unique Key Vault name.')
param name string

@description('Azure region of the vault.')
param location string

@description('Tags applied to the vault.')
param tags object

@secure()
@description('The SignalR trigger webhook key (function host system key signalr_extension), stored as the secret the upstream references.')
param signalRExtensionKey string

@description('Principal (object) id of the identity SignalR Service reads the secret with.')
param readerPrincipalId string

var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    publicNetworkAccess: 'Enabled'
  }
}

resource upstreamKey 'Microsoft.KeyVault/vaults/secrets@2025-05-01' = {
  parent: vault
  name: 'signalr-extension-key'
  properties: {
    value: signalRExtensionKey
    contentType: 'Azure Functions host system key signalr_extension (SignalR trigger webhook)'
  }
}

// Narrowest scope: the one secret, not the vault.
resource upstreamKeyReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(upstreamKey.id, readerPrincipalId, keyVaultSecretsUserRoleId)
  scope: upstreamKey
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
    description: 'SignalR Service resolves the Key Vault reference in its upstream URL template.'
  }
}

@description('Name of the vault.')
output name string = vault.name

@description('URI of this deployment\'s version of the webhook key secret (a new version changes the upstream settings, so SignalR Service reads it at once).')
output upstreamKeyUri string = upstreamKey.properties.secretUriWithVersion
