// Event Grid topic for events to the app's backend (SPEC 7): FuncChat publishes every domain event and
// chat.notification.due as CloudEvents 1.0 (docs/events.md); the app subscribes with its own event
// subscriptions (webhook, Service Bus, Storage queue, a function of its own) and sends push, e-mail or SMS.
// Local auth (access keys) is off: the function app publishes with its managed identity, which holds
// the EventGrid Data Sender role on this topic only (rbac.bicep).

@minLength(3)
@maxLength(50)
@description('Event Grid topic name (3-50 letters, digits and hyphens).')
param name string

@description('Azure region of the topic.')
param location string

@description('Tags applied to the topic.')
param tags object

resource topic 'Microsoft.EventGrid/topics@2025-02-15' = {
  name: name
  location: location
  tags: tags
  properties: {
    // Publishers must send CloudEvents 1.0 (EventGridEvent batches are refused).
    inputSchema: 'CloudEventSchemaV1_0'
    // Microsoft Entra tokens only: no access keys or SAS tokens can publish.
    disableLocalAuth: true
    minimumTlsVersionAllowed: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

@description('Name of the topic.')
output name string = topic.name

@description('Publishing endpoint (https://<name>.<region>-1.eventgrid.azure.net/api/events): EventGrid__topicEndpointUri.')
output endpoint string = topic.properties.endpoint

@description('Resource id of the topic, for event subscriptions.')
output id string = topic.id
