// Azure Bot registration with the Microsoft Teams channel.
// msaAppType UserAssignedMSI (no secret; the web app's identity) or SingleTenant (an Entra app + secret).
param botServiceName string
param botDisplayName string
param sku string = 'F0'
@description('https://<domain>/api/messages')
param endpoint string
@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
param msaAppType string
param msaAppId string
param msaAppTenantId string
@description('Resource id of the user-assigned identity; only for UserAssignedMSI.')
param msaAppMSIResourceId string = ''

var identityProperties = msaAppType == 'UserAssignedMSI' ? {
  msaAppMSIResourceId: msaAppMSIResourceId
} : {}

resource botService 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botServiceName
  location: 'global'
  kind: 'azurebot'
  sku: {
    name: sku
  }
  properties: union({
    displayName: botDisplayName
    endpoint: endpoint
    msaAppId: msaAppId
    msaAppTenantId: msaAppTenantId
    msaAppType: msaAppType
  }, identityProperties)
}

resource teamsChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: botService
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

output botServiceId string = botService.id
