// Least-privilege role assignments for the app's managed identity, one per data plane it uses.
// Built-in role definition ids (same in every tenant):
//   Storage Blob Data Owner         b7e6dc6d-f1e8-4753-8033-0f276bb0955b
//   Storage Blob Delegator          db58b8e5-c6ad-4a2a-8342-4190687cbf4a
//   SignalR Service Owner           7e4f1700-ea5a-4f59-8f37-079cfe29dce3
//   Monitoring Metrics Publisher    3913510d-42f4-4e42-8a64-420c390055eb
//   EventGrid Data Sender           d5a91429-5739-47e2-a06b-3470a27159e7
//   Cosmos DB Built-in Data Contributor (Cosmos DB data-plane RBAC) 00000000-0000-0000-0000-000000000002

@description('Principal (object) id of the managed identity that receives the roles.')
param principalId string

@description('Name of the Functions host storage account (AzureWebJobsStorage and deployment package).')
param hostStorageAccountName string

@description('Name of the attachments storage account.')
param attachmentsStorageAccountName string

@description('Name of the attachments container inside the attachments storage account.')
param attachmentsContainerName string

@description('Name of the Cosmos DB account.')
param cosmosAccountName string

@description('Name of the SignalR Service.')
param signalRName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Name of the Event Grid topic the app publishes events to the app\'s backend to.')
param eventGridTopicName string

var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDelegator: 'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'
  signalRServiceOwner: '7e4f1700-ea5a-4f59-8f37-079cfe29dce3'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
  eventGridDataSender: 'd5a91429-5739-47e2-a06b-3470a27159e7'
}
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: hostStorageAccountName
}

resource attachmentsStorage 'Microsoft.Storage/storageAccounts@2025-01-01' existing = {
  name: attachmentsStorageAccountName
}

resource attachmentsBlobService 'Microsoft.Storage/storageAccounts/blobServices@2025-01-01' existing = {
  parent: attachmentsStorage
  name: 'default'
}

resource attachmentsContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-01-01' existing = {
  parent: attachmentsBlobService
  name: attachmentsContainerName
}

resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' existing = {
  name: cosmosAccountName
}

resource signalR 'Microsoft.SignalRService/signalR@2024-03-01' existing = {
  name: signalRName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource eventGridTopic 'Microsoft.EventGrid/topics@2025-02-15' existing = {
  name: eventGridTopicName
}

// Host storage: the Functions host creates its own containers (azure-webjobs-hosts, -secrets),
// takes blob leases for timer-trigger singletons, and Flex Consumption reads the deployment
// package with this identity. Documented requirement for identity-based AzureWebJobsStorage.
// No queue or table role: no Durable Functions, queue or blob triggers use the host account.
resource hostBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(hostStorage.id, principalId, roleIds.storageBlobDataOwner)
  scope: hostStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Functions host storage (AzureWebJobsStorage) and Flex Consumption deployment package.'
  }
}

// Attachments: the app reads, writes and deletes blobs and sets the blob index tag chat-state
// (pending -> attached), and it signs user delegation SAS URLs that include the tag permission.
// Storage Blob Data Contributor lacks blobs/tags/write; Storage Blob Data Owner is the least
// built-in role that has it, so it is scoped to the attachments container only.
resource attachmentsBlobDataOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(attachmentsContainer.id, principalId, roleIds.storageBlobDataOwner)
  scope: attachmentsContainer
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDataOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Attachment blobs and their index tags, attachments container only.'
  }
}

// A user delegation key is requested at the storage account level; with the data role scoped
// to the container, the identity also needs generateUserDelegationKey at account scope. The
// Delegator role grants only that action, no data access.
resource attachmentsBlobDelegator 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(attachmentsStorage.id, principalId, roleIds.storageBlobDelegator)
  scope: attachmentsStorage
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.storageBlobDelegator)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'User delegation key for short-lived attachment upload and download SAS URLs.'
  }
}

// Serverless mode: the SignalR bindings both mint client access tokens (negotiate) and call
// the service REST API (send to users); SignalR Service Owner covers both, SignalR App Server
// (Default mode) does not.
resource signalRServiceOwner 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(signalR.id, principalId, roleIds.signalRServiceOwner)
  scope: signalR
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.signalRServiceOwner)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'SignalR Serverless mode: negotiate tokens and REST API messages.'
  }
}

// Application Insights with local auth disabled accepts telemetry only from Entra identities
// that hold Monitoring Metrics Publisher on the component.
resource appInsightsMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Entra-authenticated telemetry ingestion.'
  }
}

// Cosmos DB data plane (its own RBAC system, not Azure RBAC): read and write items, query, read
// the change feed and manage leases of the Cosmos DB trigger. No management rights: containers
// come from cosmos.bicep.
resource cosmosDataContributor 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2025-04-15' = {
  parent: cosmosAccount
  name: guid(cosmosAccount.id, principalId, cosmosDataContributorRoleId)
  properties: {
    principalId: principalId
    roleDefinitionId: '${cosmosAccount.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    scope: cosmosAccount.id
  }
}

// Events to the app's backend: publish CloudEvents to this one topic. EventGrid Data Sender allows
// send only (no management, no subscriptions), and the topic accepts Entra tokens only.
resource eventGridDataSender 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(eventGridTopic.id, principalId, roleIds.eventGridDataSender)
  scope: eventGridTopic
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.eventGridDataSender)
    principalId: principalId
    principalType: 'ServicePrincipal'
    description: 'Publish domain events and chat.notification.due to the app backend topic.'
  }
}
