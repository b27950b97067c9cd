// Linux App Service plan + Web App running the bundled server (dist/server: `node main.js`).
// Secrets come from Key Vault references resolved with the user-assigned identity.
param location string
param planName string
param webAppName string
param sku string = 'B1'
param linuxFxVersion string = 'NODE|20-lts'
param identityId string
param identityClientId string
param appInsightsConnectionString string
@description('Log Analytics workspace that receives the app\'s structured JSON logs (stdout) and HTTP logs.')
param logAnalyticsId string
@description('Versionless Key Vault secret URIs (keyvault.bicep output); an empty URI = that setting is left out.')
param secretUris object
param aadAppClientId string
param aadAppTenantId string
param aadAuthorityHost string
param aadAllowedTenants string
param appOnlyTenants string
param botId string
param botTenantId string
param botType string
param logLevel string
param bcApiBaseUrl string
param bcWebBaseUrl string
param smtpHost string
param smtpPort string
param smtpUser string
param mailFrom string

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: planName
  location: location
  kind: 'linux'
  sku: {
    name: sku
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2023-12-01' = {
  name: webAppName
  location: location
  kind: 'app,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'node main.js'
      alwaysOn: true // the scheduler sends morning summaries and alerts
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      healthCheckPath: '/healthz'
    }
  }
}

var publicUrl = 'https://${site.properties.defaultHostName}'

var baseSettings = {
  NODE_ENV: 'production'
  HOST: '0.0.0.0'
  TRUST_PROXY: 'true'
  PORT: '8080'
  WEBSITES_PORT: '8080'
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
  PUBLIC_URL: publicUrl
  LOG_LEVEL: logLevel
  DATA_DIR: '/home/data'
  // The built tab, copied beside main.js by scripts/package/bundle-server.ts (the package is mounted here).
  TAB_DIR: '/home/site/wwwroot/public'
  DEV_IDENTITY: 'false'
  EMBEDDED_SANDBOX: 'false'
  AAD_APP_CLIENT_ID: aadAppClientId
  AAD_APP_TENANT_ID: aadAppTenantId
  AAD_APP_ID_URI: 'api://${site.properties.defaultHostName}/${aadAppClientId}'
  AAD_AUTHORITY_HOST: aadAuthorityHost
  AAD_ALLOWED_TENANTS: aadAllowedTenants
  APP_ONLY_TENANTS: appOnlyTenants
  SECRET_AAD_APP_CLIENT_SECRET: '@Microsoft.KeyVault(SecretUri=${secretUris.aadAppClientSecret})'
  BOT_ID: botId
  BOT_TENANT_ID: botTenantId
  BOT_TYPE: botType
  SECRET_TOKEN_CACHE_KEY: '@Microsoft.KeyVault(SecretUri=${secretUris.tokenCacheKey})'
  SECRET_DOWNLOAD_LINK_KEY: '@Microsoft.KeyVault(SecretUri=${secretUris.downloadLinkKey})'
  DATABASE_URL: '@Microsoft.KeyVault(SecretUri=${secretUris.databaseUrl})'
  BC_API_BASE_URL: bcApiBaseUrl
  BC_WEB_BASE_URL: bcWebBaseUrl
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsightsConnectionString
  ApplicationInsightsAgent_EXTENSION_VERSION: '~3'
  // Lets code that uses DefaultAzureCredential pick the user-assigned identity.
  AZURE_CLIENT_ID: identityClientId
}

var botPasswordSettings = empty(secretUris.botPassword) ? {} : {
  SECRET_BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=${secretUris.botPassword})'
}

var mailSettings = empty(smtpHost) ? {} : {
  SMTP_HOST: smtpHost
  SMTP_PORT: smtpPort
  SMTP_USER: smtpUser
  MAIL_FROM: mailFrom
}

var smtpPasswordSettings = empty(secretUris.smtpPassword) ? {} : {
  SECRET_SMTP_PASSWORD: '@Microsoft.KeyVault(SecretUri=${secretUris.smtpPassword})'
}

resource appSettings 'Microsoft.Web/sites/config@2023-12-01' = {
  parent: site
  name: 'appsettings'
  properties: union(baseSettings, botPasswordSettings, mailSettings, smtpPasswordSettings)
}

// The server writes one JSON line per request and per job (correlation ids, no secrets): ship them to the
// workspace behind Application Insights, next to the requests the App Service agent collects.
resource logs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  scope: site
  name: 'app-logs'
  properties: {
    workspaceId: logAnalyticsId
    logs: [
      { category: 'AppServiceConsoleLogs', enabled: true }
      { category: 'AppServiceHTTPLogs', enabled: true }
      { category: 'AppServicePlatformLogs', enabled: true }
    ]
  }
}

output resourceId string = site.id
output defaultHostName string = site.properties.defaultHostName
