// Cosmos DB for NoSQL: the account, the database and every container, all read from
// ../cosmos-containers.json (the single source of truth that Chat.Shared also embeds), so the
// deployed partition keys, indexing policies and TTLs cannot drift from what the code expects.
// Keys are disabled: the app reaches data with its managed identity and a Cosmos DB data-plane
// role (rbac.bicep); containers are created here because, with identities only, creating them
// is a management-plane operation the app cannot do at runtime.

@minLength(3)
@maxLength(44)
@description('Globally unique Cosmos DB account name (3-44 lowercase letters, digits and hyphens).')
param name string

@description('Azure region of the account (single region, no zone redundancy).')
param location string

@description('Tags applied to the account.')
param tags object

@allowed([
  'serverless'
  'autoscale'
])
@description('serverless: pay per request, no throughput settings. autoscale: provisioned autoscale throughput on every container.')
param throughputMode string

@minValue(1000)
@description('Autoscale maximum RU/s per container (autoscale mode only).')
param autoscaleMaxThroughput int

var cosmosConfig = loadJsonContent('../cosmos-containers.json')
var isServerless = throughputMode == 'serverless'
var containerOptions = isServerless ? {} : { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } }

resource account 'Microsoft.DocumentDB/databaseAccounts@2025-04-15' = {
  name: name
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    consistencyPolicy: {
      defaultConsistencyLevel: 'Session'
    }
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    capabilities: isServerless ? [{ name: 'EnableServerless' }] : []
    disableLocalAuth: true
    // Databases and containers change through ARM (this template) only, never through the SDK.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    publicNetworkAccess: 'Enabled'
    enableAutomaticFailover: false
    enableMultipleWriteLocations: false
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2025-04-15' = {
  parent: account
  name: cosmosConfig.databaseName
  properties: {
    resource: {
      id: cosmosConfig.databaseName
    }
  }
}

// defaultTtl: null in the JSON means TTL off, which ARM expresses by omitting the property;
// -1 means TTL on with items expiring only through their own ttl.
resource containers 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2025-04-15' = [
  for container in cosmosConfig.containers: {
    parent: database
    name: container.name
    properties: {
      resource: union(
        {
          id: container.name
          partitionKey: {
            paths: [
              container.partitionKeyPath
            ]
            kind: 'Hash'
            version: 2
          }
          indexingPolicy: container.indexingPolicy
        },
        container.defaultTtl == null ? {} : { defaultTtl: container.defaultTtl }
      )
      options: containerOptions
    }
  }
]

@description('Name of the Cosmos DB account.')
output accountName string = account.name

@description('Account endpoint (https://<name>.documents.azure.com:443/).')
output endpoint string = account.properties.documentEndpoint

@description('Name of the database, from cosmos-containers.json.')
output databaseName string = database.name

@description('Names of the containers created from cosmos-containers.json.')
output containerNames array = [for (container, i) in cosmosConfig.containers: containers[i].name]
