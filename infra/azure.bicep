// Accountant Hub in Azure: one Linux App Service (Node 20) runs the tab, the tab API and the bot;
// an Azure Bot (Teams channel) points at it; PostgreSQL flexible server keeps the hub's state;
// Key Vault holds the secrets (the web app reads them through Key Vault references with its
// user-assigned identity); Log Analytics + Application Insights receive logs and telemetry.
// Deployed by `teamsapp provision` (arm/deploy in teamsapp.yml); every output becomes an env var in env/.env.<env>.

@maxLength(11)
@description('Short lower-case prefix of every resource name.')
param resourceBaseName string

@description('Location of the regional resources (the Azure Bot itself is global).')
param location string = resourceGroup().location

@description('Display name of the Azure Bot.')
param botDisplayName string = 'Accountant Hub'

@allowed([
  'UserAssignedMSI'
  'SingleTenant'
])
@description('UserAssignedMSI: the bot authenticates with the web app\'s managed identity (no secret). SingleTenant: with an Entra app (botAadAppClientId + botPassword).')
param botAppType string = 'UserAssignedMSI'

@description('Client id of the bot\'s Entra app; only for botAppType SingleTenant.')
param botAadAppClientId string = ''

@secure()
@description('Client secret of the bot\'s Entra app; only for botAppType SingleTenant.')
param botPassword string = ''

@allowed([
  'F0'
  'S1'
])
param botServiceSku string = 'F0'

@description('Client id of the SSO Entra app (aadApp/create).')
param aadAppClientId string

@description('Tenant of the SSO Entra app.')
param aadAppTenantId string

@secure()
@description('Client secret of the SSO Entra app, used for on-behalf-of calls.')
param aadAppClientSecret string

param aadAuthorityHost string = 'https://login.microsoftonline.com'

@description('Comma-separated Entra tenant ids allowed to sign in, or * for any tenant (the server refuses to start without it).')
param aadAllowedTenants string = '*'

@description('Client tenants each firm may read with the hub app (app-only): comma-separated firmTenant:clientTenant pairs; empty = none.')
param appOnlyTenants string = ''

@secure()
@minLength(32)
@description('Key that encrypts cached Business Central tokens at rest.')
param tokenCacheKey string

@secure()
@minLength(32)
@description('Key that signs the tab\'s one-minute report download links (the same for every instance).')
param downloadLinkKey string

@description('Administrator login of the PostgreSQL server.')
param postgresAdminLogin string = 'hubadmin'

@secure()
@minLength(8)
@description('Administrator password of the PostgreSQL server (URL-safe characters: it is put inside DATABASE_URL).')
param postgresAdminPassword string

param appServiceSku string = 'B1'

@description('Linux runtime stack of the web app.')
param linuxFxVersion string = 'NODE|20-lts'

param logLevel string = 'info'
param bcApiBaseUrl string = 'https://api.businesscentral.dynamics.com'
param bcWebBaseUrl string = 'https://businesscentral.dynamics.com'

@description('Outgoing mail for invitations; empty smtpHost = no mail settings at all.')
param smtpHost string = ''
param smtpPort string = '587'
param smtpUser string = ''
@secure()
param smtpPassword string = ''
param mailFrom string = ''

// Optional secrets whose env var was never set reach us as the literal placeholder: treat them as empty.
var botPasswordValue = startsWith(botPassword, '\${{') ? '' : botPassword
var smtpPasswordValue = startsWith(smtpPassword, '\${{') ? '' : smtpPassword

var baseName = toLower(resourceBaseName)
var suffix = take(uniqueString(resourceGroup().id, baseName), 6)
var names = {
  identity: 'id-${baseName}-${suffix}'
  plan: 'plan-${baseName}-${suffix}'
  webApp: 'app-${baseName}-${suffix}'
  bot: 'bot-${baseName}-${suffix}'
  keyVault: 'kv-${baseName}-${suffix}'
  postgres: 'psql-${baseName}-${suffix}'
  logAnalytics: 'log-${baseName}-${suffix}'
  appInsights: 'appi-${baseName}-${suffix}'
}
var databaseName = 'hub'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: names.identity
  location: location
}

module monitoring './modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
  }
}

module postgres './modules/postgres.bicep' = {
  name: 'postgres'
  params: {
    location: location
    serverName: names.postgres
    databaseName: databaseName
    adminLogin: postgresAdminLogin
    adminPassword: postgresAdminPassword
  }
}

module keyVault './modules/keyvault.bicep' = {
  name: 'keyVault'
  params: {
    location: location
    keyVaultName: names.keyVault
    readerPrincipalId: identity.properties.principalId
    aadAppClientSecret: aadAppClientSecret
    tokenCacheKey: tokenCacheKey
    downloadLinkKey: downloadLinkKey
    databaseUrl: 'postgresql://${postgresAdminLogin}:${uriComponent(postgresAdminPassword)}@${postgres.outputs.fullyQualifiedDomainName}:5432/${databaseName}?sslmode=require'
    includeBotPassword: botAppType == 'SingleTenant' && !empty(botPasswordValue)
    botPassword: botPasswordValue
    includeSmtpPassword: !empty(smtpHost) && !empty(smtpPasswordValue)
    smtpPassword: smtpPasswordValue
  }
}

var botId = botAppType == 'UserAssignedMSI' ? identity.properties.clientId : botAadAppClientId
var botTenantId = botAppType == 'UserAssignedMSI' ? identity.properties.tenantId : subscription().tenantId

module webApp './modules/webapp.bicep' = {
  name: 'webApp'
  params: {
    location: location
    planName: names.plan
    webAppName: names.webApp
    sku: appServiceSku
    linuxFxVersion: linuxFxVersion
    identityId: identity.id
    identityClientId: identity.properties.clientId
    appInsightsConnectionString: monitoring.outputs.connectionString
    logAnalyticsId: monitoring.outputs.logAnalyticsId
    secretUris: keyVault.outputs.secretUris
    aadAppClientId: aadAppClientId
    aadAppTenantId: aadAppTenantId
    aadAuthorityHost: aadAuthorityHost
    aadAllowedTenants: aadAllowedTenants
    appOnlyTenants: appOnlyTenants
    botId: botId
    botTenantId: botTenantId
    botType: botAppType
    logLevel: logLevel
    bcApiBaseUrl: bcApiBaseUrl
    bcWebBaseUrl: bcWebBaseUrl
    smtpHost: smtpHost
    smtpPort: smtpPort
    smtpUser: smtpUser
    mailFrom: mailFrom
  }
}

module azureBot './modules/azurebot.bicep' = {
  name: 'azureBot'
  params: {
    botServiceName: names.bot
    botDisplayName: botDisplayName
    sku: botServiceSku
    endpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'
    msaAppType: botAppType
    msaAppId: botId
    msaAppTenantId: botTenantId
    msaAppMSIResourceId: botAppType == 'UserAssignedMSI' ? identity.id : ''
  }
}

// Outputs: arm/deploy writes each into env/.env.<env> under the same (upper-case) name.
output BOT_AZURE_APP_SERVICE_RESOURCE_ID string = webApp.outputs.resourceId
output BOT_DOMAIN string = webApp.outputs.defaultHostName
output BOT_ENDPOINT string = 'https://${webApp.outputs.defaultHostName}'
output TAB_DOMAIN string = webApp.outputs.defaultHostName
output TAB_ENDPOINT string = 'https://${webApp.outputs.defaultHostName}'
output BOT_ID string = botId
output BOT_TENANT_ID string = botTenantId
output BOT_TYPE string = botAppType
output KEY_VAULT_NAME string = names.keyVault
output POSTGRES_SERVER_FQDN string = postgres.outputs.fullyQualifiedDomainName
