/**
 * There is no bicep compiler on this machine, so these checks read the templates as text: files exist,
 * module parameters and outputs line up, the parameters file matches the template, and the settings the
 * server reads (bot/src/config.ts) are set.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { placeholderNames } from '../../../scripts/package/env-files';
import { ROOT, read } from './helpers';

interface Param { name: string; hasDefault: boolean }

function params(text: string): Param[] {
  return [...text.matchAll(/^param\s+([A-Za-z_][A-Za-z0-9_]*)\s+\w+(\s*=)?/gm)].map((m) => ({ name: m[1] as string, hasDefault: Boolean(m[2]) }));
}
function outputs(text: string): string[] {
  return [...text.matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => m[1] as string);
}

/** The `{ ... }` block that starts at the first `{` after `from`, braces balanced. */
function blockAfter(text: string, from: number): string {
  const start = text.indexOf('{', from);
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('unbalanced braces');
}

/** Top-level keys of a bicep object block. */
function topLevelKeys(block: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  for (const line of block.split('\n')) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:/.exec(line);
    if (depth === 1 && m) keys.push(m[1] as string);
    for (const ch of line) {
      if (ch === '{' || ch === '[') depth++;
      else if (ch === '}' || ch === ']') depth--;
    }
  }
  return keys;
}

/** The template without string contents and comments (a string's `${...}` holes are kept: they are code). */
function codeOnly(text: string): string {
  let out = '';
  let inString = false;
  let hole = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (inString && hole === 0) {
      if (ch === '\\') i++;
      else if (ch === "'") { inString = false; out += ch; }
      else if (ch === '$' && text[i + 1] === '{') { hole = 1; i++; }
      continue;
    }
    if (hole > 0) {
      if (ch === '{') hole++;
      else if (ch === '}' && --hole === 0) continue;
      if (hole > 0) out += ch;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; out += '\n'; continue; }
    if (ch === "'") inString = true;
    out += ch;
  }
  return out;
}

const MAIN = 'infra/azure.bicep';
const main = read(MAIN);
const modules = [...main.matchAll(/^module\s+(\w+)\s+'([^']+)'\s*=/gm)].map((m) => ({
  symbol: m[1] as string,
  path: join(dirname(MAIN), m[2] as string),
  at: m.index ?? 0,
}));

describe('infra/azure.bicep', () => {
  it('uses modules that exist', () => {
    expect(modules.map((m) => m.path).sort()).toEqual([
      'infra/modules/azurebot.bicep', 'infra/modules/keyvault.bicep', 'infra/modules/monitoring.bicep',
      'infra/modules/postgres.bicep', 'infra/modules/webapp.bicep',
    ]);
    for (const m of modules) expect(existsSync(join(ROOT, m.path))).toBe(true);
  });

  it.each(modules.map((m) => [m.symbol, m] as const))('passes module %s exactly its parameters', (_s, m) => {
    const declared = params(read(m.path));
    const passed = topLevelKeys(blockAfter(main, main.indexOf('params:', m.at)));
    expect(passed.filter((p) => !declared.some((d) => d.name === p))).toEqual([]);
    expect(declared.filter((d) => !d.hasDefault && !passed.includes(d.name)).map((d) => d.name)).toEqual([]);
  });

  it('reads only outputs the modules declare', () => {
    const bad: string[] = [];
    for (const [, symbol, output] of main.matchAll(/\b(\w+)\.outputs\.(\w+)/g)) {
      const m = modules.find((x) => x.symbol === symbol);
      if (!m || !outputs(read(m.path)).includes(output as string)) bad.push(`${symbol}.outputs.${output}`);
    }
    expect(bad).toEqual([]);
  });

  it('outputs what the env files and teamsapp.yml need', () => {
    expect(outputs(main)).toEqual(expect.arrayContaining([
      'BOT_AZURE_APP_SERVICE_RESOURCE_ID', 'BOT_DOMAIN', 'BOT_ENDPOINT', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'BOT_ID', 'BOT_TENANT_ID',
    ]));
  });

  it('matches infra/azure.parameters.json', () => {
    const file = JSON.parse(read('infra/azure.parameters.json')) as { parameters: Record<string, { value: string }> };
    const declared = params(main);
    const given = Object.keys(file.parameters);
    expect(given.filter((g) => !declared.some((d) => d.name === g))).toEqual([]);
    expect(declared.filter((d) => !d.hasDefault && !given.includes(d.name)).map((d) => d.name)).toEqual([]);
    // Secrets reach the template only through SECRET_* variables (kept in the .user file).
    for (const name of ['aadAppClientSecret', 'tokenCacheKey', 'downloadLinkKey', 'postgresAdminPassword', 'botPassword', 'smtpPassword']) {
      expect(placeholderNames(file.parameters[name]!.value)[0]).toMatch(/^SECRET_/);
      expect(main).toMatch(new RegExp(`@secure\\(\\)[^\\n]*\\n(?:@[^\\n]*\\n)*param ${name} `));
    }
  });

  it('builds a Linux Node 20 web app started with `node main.js`, HTTPS only, with a user-assigned identity', () => {
    const web = read('infra/modules/webapp.bicep');
    expect(main).toContain("param linuxFxVersion string = 'NODE|20-lts'");
    expect(web).toContain("appCommandLine: 'node main.js'");
    expect(web).toContain('httpsOnly: true');
    expect(web).toContain("type: 'UserAssigned'");
    expect(web).toContain('keyVaultReferenceIdentity: identityId');
    expect(web).toContain('reserved: true');
  });

  it('sets every server setting that has no safe default, secrets as Key Vault references', () => {
    const web = read('infra/modules/webapp.bicep');
    const settings = topLevelKeys(blockAfter(web, web.indexOf('var baseSettings')));
    expect(settings).toEqual(expect.arrayContaining([
      'NODE_ENV', 'PORT', 'HOST', 'PUBLIC_URL', 'LOG_LEVEL', 'DATABASE_URL', 'DEV_IDENTITY', 'EMBEDDED_SANDBOX',
      'AAD_APP_CLIENT_ID', 'AAD_APP_TENANT_ID', 'AAD_APP_ID_URI', 'AAD_AUTHORITY_HOST', 'AAD_ALLOWED_TENANTS',
      'SECRET_AAD_APP_CLIENT_SECRET', 'BOT_ID', 'BOT_TENANT_ID', 'BOT_TYPE', 'BC_API_BASE_URL', 'BC_WEB_BASE_URL',
      'SECRET_TOKEN_CACHE_KEY', 'SECRET_DOWNLOAD_LINK_KEY', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'TAB_DIR',
    ]));
    for (const secret of ['SECRET_AAD_APP_CLIENT_SECRET', 'SECRET_TOKEN_CACHE_KEY', 'SECRET_DOWNLOAD_LINK_KEY', 'DATABASE_URL', 'SECRET_BOT_PASSWORD', 'SECRET_SMTP_PASSWORD']) {
      expect(web).toMatch(new RegExp(`${secret}: '@Microsoft\\.KeyVault\\(SecretUri=\\$\\{secretUris\\.\\w+\\}\\)'`));
    }
    // Every setting name is one the server knows (bot/src/config.ts) or one App Service / App Insights reads.
    const config = read('bot/src/config.ts');
    const platform = ['WEBSITES_PORT', 'WEBSITE_RUN_FROM_PACKAGE', 'SCM_DO_BUILD_DURING_DEPLOYMENT', 'APPLICATIONINSIGHTS_CONNECTION_STRING', 'ApplicationInsightsAgent_EXTENSION_VERSION', 'AZURE_CLIENT_ID', 'DATA_DIR'];
    expect(settings.filter((s) => !platform.includes(s) && !config.includes(`${s}:`))).toEqual([]);
  });

  it('creates the bot with the Teams channel, PostgreSQL 16 B1ms with database hub, an RBAC Key Vault', () => {
    const bot = read('infra/modules/azurebot.bicep');
    expect(bot).toContain("'Microsoft.BotService/botServices@");
    expect(bot).toContain("channelName: 'MsTeamsChannel'");
    expect(main).toContain("endpoint: 'https://${webApp.outputs.defaultHostName}/api/messages'");
    const pg = read('infra/modules/postgres.bicep');
    expect(pg).toContain("version: '16'");
    expect(pg).toContain("name: skuName");
    expect(pg).toContain("param skuName string = 'Standard_B1ms'");
    expect(pg).toContain("tier: 'Burstable'");
    expect(main).toContain("var databaseName = 'hub'");
    expect(pg).toContain("startIpAddress: '0.0.0.0'");
    const kv = read('infra/modules/keyvault.bicep');
    expect(kv).toContain('enableRbacAuthorization: true');
    expect(kv).toContain("'4633458b-17de-408a-b874-0445c86b69e6'"); // Key Vault Secrets User
  });

  it('keeps to syntax the pinned bicep CLI (v0.9.1) understands', () => {
    for (const file of [MAIN, ...modules.map((m) => m.path)]) {
      const text = read(file);
      expect({ file, safeDereference: /\.\?/.test(text), coalesce: /\?\?/.test(text), types: /^type\s/m.test(text) })
        .toEqual({ file, safeDereference: false, coalesce: false, types: false });
      // Balanced braces, brackets and parentheses outside strings and comments.
      const code = codeOnly(text);
      for (const [open, close] of [['{', '}'], ['[', ']'], ['(', ')']] as const) {
        expect({ file, open, count: code.split(open).length }).toEqual({ file, open, count: code.split(close).length });
      }
    }
  });
});

describe('aad.manifest.json', () => {
  const aad = JSON.parse(read('aad.manifest.json')) as {
    identifierUris: string[];
    accessTokenAcceptedVersion: number;
    signInAudience: string;
    oauth2Permissions: { value: string; id: string }[];
    preAuthorizedApplications: { appId: string; permissionIds: string[] }[];
    replyUrlsWithType: { url: string; type: string }[];
    requiredResourceAccess: { resourceAppId: string; resourceAccess: { id: string; type: string }[] }[];
  };

  it('exposes access_as_user at api://<tab domain>/<client id>, v2 tokens, any work tenant', () => {
    expect(aad.identifierUris).toEqual(['api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}']);
    expect(aad.accessTokenAcceptedVersion).toBe(2);
    expect(aad.signInAudience).toBe('AzureADMultipleOrgs');
    expect(aad.oauth2Permissions.map((p) => p.value)).toEqual(['access_as_user']);
  });

  it('pre-authorizes the Teams, Microsoft 365 and Outlook clients', () => {
    expect(aad.preAuthorizedApplications.map((a) => a.appId)).toEqual(expect.arrayContaining([
      '1fec8e78-bce4-4aaf-ab1b-5451cc387264', '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', '4765445b-32c6-49b0-83e6-1d93765276ca',
      '0ec893e0-5785-4de6-99da-4ed124e5296c', 'd3590ed6-52b3-4102-aeff-aad2292ab01c', 'bc59ab01-8403-45c6-8796-ac3ef710b3e3',
      '27922004-5251-4030-b22d-91ecd9a37ea4',
    ]));
    for (const a of aad.preAuthorizedApplications) expect(a.permissionIds).toEqual(['${{AAD_APP_ACCESS_AS_USER_PERMISSION_ID}}']);
  });

  it('has the SPA redirect URIs for the tab and nested app auth', () => {
    const spa = aad.replyUrlsWithType.filter((r) => r.type === 'Spa').map((r) => r.url);
    expect(spa).toEqual(expect.arrayContaining(['${{TAB_ENDPOINT}}/auth-end', 'brk-multihub://${{TAB_DOMAIN}}']));
  });

  it('asks for Graph User.Read and Business Central Financials.ReadWrite.All + API.ReadWrite.All', () => {
    const byResource = Object.fromEntries(aad.requiredResourceAccess.map((r) => [r.resourceAppId, r.resourceAccess]));
    expect(byResource['00000003-0000-0000-c000-000000000000']).toEqual([{ id: 'e1fe6dd8-ba31-4d61-89e7-88639da4683d', type: 'Scope' }]);
    expect(byResource['996def3d-b36c-4153-8607-a6fd3c01b89f']).toEqual([
      { id: '2fb13c28-9d89-417f-9af2-ec3065bc16e6', type: 'Scope' },
      { id: 'a42b0b75-311e-488d-b67e-8fe84f924341', type: 'Role' },
    ]);
  });
});
