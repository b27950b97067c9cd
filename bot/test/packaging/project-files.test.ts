import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvText, placeholderNames } from '../../../scripts/package/env-files';
import { LIFECYCLES, ROOT, Step, read, readProjectFile, stringsIn } from './helpers';

/** Project file -> its environment (env/.env.<name>). */
const PROJECT_FILES: Record<string, string> = {
  'teamsapp.yml': 'dev',
  'teamsapp.local.yml': 'local',
  'teamsapp.testtool.yml': 'testtool',
};

/** Outputs the toolkit writes without a writeToEnvironmentFile entry (see the actions reference). */
const IMPLICIT_OUTPUTS: Record<string, string[]> = {
  'teamsApp/create': ['TEAMS_APP_TENANT_ID'],
  'teamsApp/update': ['TEAMS_APP_TENANT_ID', 'TEAMS_APP_UPDATE_TIME'],
  'aadApp/update': ['AAD_APP_ACCESS_AS_USER_PERMISSION_ID'],
};

/** Keys declared for an environment: env/.env.<name> plus, for secrets, env/.env.<name>.user.sample. */
function declaredKeys(envName: string): Set<string> {
  const keys = new Set(Object.keys(parseEnvText(read(`env/.env.${envName}`))));
  const sample = join(ROOT, 'env', `.env.${envName}.user.sample`);
  if (existsSync(sample)) for (const k of Object.keys(parseEnvText(read(`env/.env.${envName}.user.sample`)))) keys.add(k);
  return keys;
}

function bicepOutputs(rel: string): string[] {
  return [...read(rel).matchAll(/^output\s+([A-Za-z_][A-Za-z0-9_]*)\s/gm)].map((m) => (m[1] as string).toUpperCase());
}

function armTemplates(step: Step): { path: string; parameters: string }[] {
  return (step.with?.templates as { path: string; parameters: string }[] | undefined) ?? [];
}

/** What a step writes into the environment. */
function outputsOf(step: Step): string[] {
  const out = [...Object.values(step.writeToEnvironmentFile ?? {}), ...(IMPLICIT_OUTPUTS[step.uses] ?? [])];
  if (step.uses === 'script') {
    const run = String(step.with?.run ?? '');
    out.push(...[...run.matchAll(/::set-teamsfx-env\s+([A-Za-z_][A-Za-z0-9_]*)=/g)].map((m) => m[1] as string));
    const gen = /ensure-secrets\.mjs((?:\s+SECRET_[A-Z0-9_]+)+)/.exec(run);
    if (gen) out.push(...(gen[1] as string).trim().split(/\s+/));
  }
  if (step.uses === 'arm/deploy') for (const t of armTemplates(step)) out.push(...bicepOutputs(t.path));
  return out;
}

/** Placeholders a step needs: in its own arguments and in the files it fills in. */
function placeholdersOf(step: Step): { where: string; name: string }[] {
  const found: { where: string; name: string }[] = [];
  const add = (where: string, text: string): void => {
    for (const name of placeholderNames(text)) found.push({ where, name });
  };
  add(step.uses, stringsIn({ with: step.with, env: step.env }).join('\n'));
  const manifestPath = step.with?.manifestPath;
  if (typeof manifestPath === 'string') add(manifestPath, read(manifestPath));
  for (const t of armTemplates(step)) add(t.parameters, read(t.parameters));
  return found;
}

function pathsOf(step: Step): string[] {
  const paths: string[] = [];
  const manifestPath = step.with?.manifestPath;
  if (typeof manifestPath === 'string') paths.push(manifestPath);
  for (const t of armTemplates(step)) paths.push(t.path, t.parameters);
  const run = step.with?.run;
  if (typeof run === 'string') for (const m of run.matchAll(/\bnode\s+(\S+\.m?[jt]s)\b/g)) paths.push(m[1] as string);
  return paths;
}

describe.each(Object.entries(PROJECT_FILES))('%s', (file, envName) => {
  const project = readProjectFile(file);
  const steps = LIFECYCLES.flatMap((lc) => (project[lc] ?? []).map((step, i) => ({ lc, i, step })));

  it('is a v1.7 project file with the schema comment and the env folder', () => {
    expect(read(file).split('\n')[0]).toBe('# yaml-language-server: $schema=https://aka.ms/teams-toolkit/v1.7/yaml.schema.json');
    expect(project.version).toBe('v1.7');
    expect(project.environmentFolderPath).toBe('./env');
    expect(steps.length).toBeGreaterThan(0);
  });

  it(`uses only variables declared in env/.env.${envName} or written by an earlier step`, () => {
    const known = declaredKeys(envName);
    const unknown: string[] = [];
    for (const { lc, i, step } of steps) {
      // A step may use what it writes itself only for implicit outputs (aadApp/update makes the scope id).
      for (const name of IMPLICIT_OUTPUTS[step.uses] ?? []) if (step.uses === 'aadApp/update') known.add(name);
      for (const { where, name } of placeholdersOf(step)) {
        if (!known.has(name)) unknown.push(`${lc}[${i}] ${step.uses} (${where}): ${name}`);
      }
      for (const name of outputsOf(step)) known.add(name);
    }
    expect(unknown).toEqual([]);
  });

  it('refers only to files that exist', () => {
    const missing = steps.flatMap(({ step }) => pathsOf(step)).filter((p) => !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });

  it('uses only actions of the v1.7 schema', () => {
    const actions = new Set([
      'aadApp/create', 'aadApp/update', 'arm/deploy', 'azureAppService/zipDeploy', 'botAadApp/create',
      'botFramework/create', 'cli/runNpmCommand', 'cli/runNpxCommand', 'devTool/install',
      'file/createOrUpdateEnvironmentFile', 'file/createOrUpdateJsonFile', 'script', 'teamsApp/create',
      'teamsApp/publishAppPackage', 'teamsApp/update', 'teamsApp/validateAppPackage', 'teamsApp/validateManifest',
      'teamsApp/zipAppPackage',
    ]);
    expect(steps.map(({ step }) => step.uses).filter((u) => !actions.has(u))).toEqual([]);
  });
});

describe('teamsapp.yml lifecycles', () => {
  const project = readProjectFile('teamsapp.yml');
  const uses = (lc: 'provision' | 'deploy' | 'publish'): string[] => (project[lc] ?? []).map((s) => s.uses);

  it('provisions in the order SSO app, Azure, SSO app update, package', () => {
    expect(uses('provision')).toEqual([
      'teamsApp/create', 'aadApp/create', 'script', 'arm/deploy', 'aadApp/update', 'teamsApp/validateManifest',
      'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update',
    ]);
    const aad = project.provision!.find((s) => s.uses === 'aadApp/create')!;
    expect(aad.writeToEnvironmentFile).toEqual({
      clientId: 'AAD_APP_CLIENT_ID', clientSecret: 'SECRET_AAD_APP_CLIENT_SECRET', objectId: 'AAD_APP_OBJECT_ID',
      tenantId: 'AAD_APP_TENANT_ID', authority: 'AAD_APP_OAUTH_AUTHORITY', authorityHost: 'AAD_APP_OAUTH_AUTHORITY_HOST',
    });
  });

  it('deploys the bundled server folder to the web app', () => {
    const steps = project.deploy!;
    expect(steps.map((s) => s.with?.args ?? s.uses)).toEqual(['install --no-audit', 'run build:deploy', 'azureAppService/zipDeploy']);
    expect(steps[2]!.with).toMatchObject({ artifactFolder: 'dist/server', resourceId: '${{BOT_AZURE_APP_SERVICE_RESOURCE_ID}}' });
  });

  it('publishes after validating and zipping', () => {
    expect(uses('publish')).toEqual([
      'teamsApp/validateManifest', 'teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/update',
      'teamsApp/publishAppPackage',
    ]);
  });
});

describe('local and playground runtime settings', () => {
  const envsOf = (file: string): Record<string, string> =>
    (readProjectFile(file).deploy ?? []).find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!.with!.envs as Record<string, string>;

  it('local debug writes .localConfigs with a real bot registration and the SSO app', () => {
    const step = (readProjectFile('teamsapp.local.yml').deploy ?? []).find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(step.with!.target).toBe('./.localConfigs');
    expect(envsOf('teamsapp.local.yml')).toMatchObject({
      BOT_ID: '${{BOT_ID}}', SECRET_BOT_PASSWORD: '${{SECRET_BOT_PASSWORD}}', DEV_IDENTITY: 'false',
      AAD_APP_CLIENT_ID: '${{AAD_APP_CLIENT_ID}}',
    });
    const bot = readProjectFile('teamsapp.local.yml').provision!.find((s) => s.uses === 'botFramework/create')!;
    expect(bot.with!.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
  });

  it('the playground runs with no bot credentials, the dev identity and the embedded sandbox', () => {
    const step = (readProjectFile('teamsapp.testtool.yml').deploy ?? []).find((s) => s.uses === 'file/createOrUpdateEnvironmentFile')!;
    expect(step.with!.target).toBe('./.localConfigs.testTool');
    expect(envsOf('teamsapp.testtool.yml')).toMatchObject({
      BOT_ID: '', SECRET_BOT_PASSWORD: '', DEV_IDENTITY: 'true', EMBEDDED_SANDBOX: 'true', HOST: '127.0.0.1',
    });
  });
});

describe('env files', () => {
  const files = readdirSync(join(ROOT, 'env')).filter((f) => f.startsWith('.env.') && !f.endsWith('.user'));

  it('exist for dev, local and testtool', () => {
    expect(files).toEqual(expect.arrayContaining(['.env.dev', '.env.local', '.env.testtool', '.env.dev.user.sample']));
  });

  it.each(files)('%s holds no secret values', (f) => {
    const vars = parseEnvText(read(`env/${f}`));
    const leaked = Object.entries(vars).filter(([k, v]) => k.startsWith('SECRET_') && v !== '');
    expect(leaked.map(([k]) => k)).toEqual([]);
  });

  it('every manifest variable is declared in each environment that packages the app', () => {
    const names = placeholderNames(read('manifest/manifest.json'));
    for (const env of ['dev', 'local']) {
      const keys = declaredKeys(env);
      expect(names.filter((n) => !keys.has(n)).map((n) => `${env}: ${n}`)).toEqual([]);
    }
  });
});
