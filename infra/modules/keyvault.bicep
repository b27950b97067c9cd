// Key Vault (RBAC) holding the app's secrets; the web app's identity may read them (Key Vault Secrets User).
// Optional secrets (bot password, SMTP password) are created only when given.
param location string
param keyVaultName string
@description('Principal id of the identity that reads the secrets (the web app\'s user-assigned identity).')
param readerPrincipalId string
@secure()
param aadAppClientSecret string
@secure()
param tokenCacheKey string
@secure()
param downloadLinkKey string
@secure()
param databaseUrl string
@description('Store the bot password (botAppType SingleTenant).')
param includeBotPassword bool = false
@secure()
param botPassword string = ''
@description('Store the SMTP password (mail configured).')
param includeSmtpPassword bool = false
@secure()
param smtpPassword string = ''

// Built-in role "Key Vault Secrets User".
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: keyVaultName
  location: location
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

resource secretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, readerPrincipalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: readerPrincipalId
    principalType: 'ServicePrincipal'
  }
}

resource aadAppClientSecretSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'aad-app-client-secret'
  properties: {
    value: aadAppClientSecret
  }
}

resource tokenCacheKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'token-cache-key'
  properties: {
    value: tokenCacheKey
  }
}

resource downloadLinkKeySecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'download-link-key'
  properties: {
    value: downloadLinkKey
  }
}

resource databaseUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'database-url'
  properties: {
    value: databaseUrl
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (includeBotPassword) {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
  }
}

resource smtpPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (includeSmtpPassword) {
  parent: vault
  name: 'smtp-password'
  properties: {
    value: smtpPassword
  }
}

// Versionless secret URIs: the app picks up a rotated secret on its next restart (or within 24 h).
// An optional secret that was not created has an empty URI.
output secretUris object = {
  aadAppClientSecret: '${vault.properties.vaultUri}secrets/${aadAppClientSecretSecret.name}'
  tokenCacheKey: '${vault.properties.vaultUri}secrets/${tokenCacheKeySecret.name}'
  downloadLinkKey: '${vault.properties.vaultUri}secrets/${downloadLinkKeySecret.name}'
  databaseUrl: '${vault.properties.vaultUri}secrets/${databaseUrlSecret.name}'
  botPassword: includeBotPassword ? '${vault.properties.vaultUri}secrets/bot-password' : ''
  smtpPassword: includeSmtpPassword ? '${vault.properties.vaultUri}secrets/smtp-password' : ''
}
output vaultName string = vault.name
