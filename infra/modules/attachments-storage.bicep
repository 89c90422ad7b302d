// Storage for chat attachments: one private container. Clients upload and download directly
// with short-lived user delegation SAS URLs minted by the app (shared keys are disabled, so
// account or service SAS cannot exist). Uploads carry the blob index tag chat-state=pending;
// the app sets chat-state=attached when a message uses the blob, and the lifecycle rule below
// deletes what was never attached.

@minLength(3)
@maxLength(24)
@description('Globally unique storage account name (3-24 lowercase letters and digits).')
param name string

@description('Azure region of the storage account.')
param location string

@description('Tags applied to the storage account.')
param tags object

@description('Name of the private attachments container.')
param containerName string

@description('Browser origins allowed to upload (PUT) and download (GET) blobs directly. Empty: no CORS rule, which native clients do not need.')
param allowedCorsOrigins array

@minValue(1)
@description('Days after upload after which a blob still tagged chat-state=pending is deleted.')
param pendingUploadRetentionDays int

var corsRule = {
  allowedOrigins: allowedCorsOrigins
  allowedMethods: [
    'PUT'
    'GET'
    'HEAD'
    'OPTIONS'
  ]
  allowedHeaders: [
    'x-ms-blob-type'
    'content-type'
    'x-ms-*'
  ]
  exposedHeaders: [
    'etag'
    'x-ms-*'
  ]
  maxAgeInSeconds: 3600
}

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    allowCrossTenantReplication: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // Clients reach the blob endpoint directly with SAS URLs, so it stays publicly routable;
    // anonymous access is off (allowBlobPublicAccess false, container publicAccess None).
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    cors: {
      corsRules: empty(allowedCorsOrigins) ? [] : [corsRule]
    }
  }
}

resource container 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' = {
  parent: blobService
  name: containerName
  properties: {
    publicAccess: 'None'
  }
}

resource lifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2025-01-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'deletePendingUploads'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: {
              blobTypes: [
                'blockBlob'
              ]
              // Prefixes start with the container name: every blob in the attachments container.
              prefixMatch: [
                '${container.name}/'
              ]
              blobIndexMatch: [
                {
                  name: 'chat-state'
                  op: '=='
                  value: 'pending'
                }
              ]
            }
            actions: {
              baseBlob: {
                delete: {
                  daysAfterModificationGreaterThan: pendingUploadRetentionDays
                }
              }
            }
          }
        }
      ]
    }
  }
}

@description('Name of the storage account.')
output name string = storage.name

@description('Blob service endpoint (https://<name>.blob.<suffix>/).')
output blobEndpoint string = storage.properties.primaryEndpoints.blob

@description('Name of the attachments container.')
output containerName string = container.name
