import http from 'node:http';
import https from 'node:https';
import { PackageError, renderManifest, validateManifest } from '../../../scripts/package/package-app';
import { placeholderNames } from '../../../scripts/package/env-files';
import { provisionedEnv, read } from './helpers';

// strip-bom 5, a dependency of @microsoft/app-manifest, is ESM-only: Node 20.19 require()s it, jest's CommonJS
// runtime cannot (before Node 24.9). Stand in for it with the same one-line function.
jest.mock(require.resolve('strip-bom', { paths: [require.resolve('@microsoft/app-manifest')] }), () => ({
  __esModule: true,
  default: (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s),
}));

interface Command { title: string; description: string }
interface Manifest {
  $schema: string;
  manifestVersion: string;
  staticTabs: { entityId: string; contentUrl?: string; websiteUrl?: string; scopes: string[] }[];
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  validDomains: string[];
  webApplicationInfo: { id: string; resource: string };
  permissions: string[];
  name: { short: string };
  developer: Record<string, string>;
}

const template = read('manifest/manifest.json');
const filled = (): Manifest => renderManifest(template, provisionedEnv('dev'), 'dev') as unknown as Manifest;

/** Validation must not touch the network: the schema comes from @microsoft/app-manifest. */
function forbidNetwork(): () => void {
  const spies = [
    jest.spyOn(http, 'request').mockImplementation(() => { throw new Error('network used (http)'); }),
    jest.spyOn(https, 'request').mockImplementation(() => { throw new Error('network used (https)'); }),
    jest.spyOn(http, 'get').mockImplementation(() => { throw new Error('network used (http)'); }),
    jest.spyOn(https, 'get').mockImplementation(() => { throw new Error('network used (https)'); }),
    jest.spyOn(globalThis, 'fetch').mockImplementation(() => { throw new Error('network used (fetch)'); }),
  ];
  return () => spies.forEach((s) => s.mockRestore());
}

describe('Teams app manifest', () => {
  let restore: () => void;
  beforeEach(() => { restore = forbidNetwork(); });
  afterEach(() => restore());

  it('is manifest 1.24 with the matching schema URL', () => {
    const m = JSON.parse(template) as Manifest;
    expect(m.manifestVersion).toBe('1.24');
    expect(m.$schema).toBe('https://developer.microsoft.com/json-schemas/teams/v1.24/MicrosoftTeams.schema.json');
  });

  it('validates against the bundled schema once filled, offline', async () => {
    expect(await validateManifest(filled() as unknown as Record<string, unknown>)).toEqual([]);
  });

  it('reports schema errors for a broken manifest', async () => {
    const broken = filled();
    delete broken.developer.privacyUrl;
    broken.name.short = 'Accountant Hub with a name far too long for Teams';
    broken.bots[0]!.scopes = ['everyone'];
    const errors = await validateManifest(broken as unknown as Record<string, unknown>);
    expect(errors.join('\n')).toMatch(/\/developer must have required property 'privacyUrl'/);
    expect(errors.join('\n')).toMatch(/\/name\/short must NOT have more than 30 characters/);
    expect(errors.join('\n')).toMatch(/\/bots\/0\/scopes\/0 must be equal to one of the allowed values/);
  });

  it('names every variable that has no value', () => {
    const vars = provisionedEnv('dev');
    delete vars.BOT_ID;
    vars.TAB_DOMAIN = '';
    let thrown: unknown;
    try { renderManifest(template, vars, 'dev'); } catch (e) { thrown = e; }
    expect(thrown).toBeInstanceOf(PackageError);
    expect((thrown as PackageError).problems.sort()).toEqual(['BOT_ID', 'TAB_DOMAIN']);
  });

  it('escapes values so they cannot break the JSON', () => {
    const vars = { ...provisionedEnv('dev'), TAB_ENDPOINT: 'https://x.example/"quoted"\\' };
    const m = renderManifest(template, vars, 'dev') as unknown as Manifest;
    expect(m.staticTabs[0]!.websiteUrl).toBe('https://x.example/"quoted"\\/');
  });

  it('uses the placeholders the toolkit fills', () => {
    expect(placeholderNames(template).sort()).toEqual(['AAD_APP_CLIENT_ID', 'BOT_ID', 'TAB_DOMAIN', 'TAB_ENDPOINT', 'TEAMS_APP_ID']);
  });

  it('has the personal Dashboard tab first, then the bot chat', () => {
    const m = JSON.parse(template) as Manifest;
    expect(m.staticTabs.map((t) => t.entityId)).toEqual(['dashboard', 'conversations']);
    expect(m.staticTabs[0]).toMatchObject({
      contentUrl: '${{TAB_ENDPOINT}}/?inTeams=1',
      websiteUrl: '${{TAB_ENDPOINT}}/',
      scopes: ['personal'],
    });
  });

  it('declares SSO, domains and permissions', () => {
    const m = JSON.parse(template) as Manifest;
    expect(m.webApplicationInfo).toEqual({ id: '${{AAD_APP_CLIENT_ID}}', resource: 'api://${{TAB_DOMAIN}}/${{AAD_APP_CLIENT_ID}}' });
    expect(m.validDomains).toEqual(['${{TAB_DOMAIN}}', 'businesscentral.dynamics.com']);
    expect(m.permissions).toEqual(['identity', 'messageTeamMembers']);
  });

  it('lists the bot commands the bot understands, at most 12 per list', () => {
    const m = JSON.parse(template) as Manifest;
    expect(m.bots).toHaveLength(1);
    expect(m.bots[0]!.scopes).toEqual(['personal']);
    for (const list of m.bots[0]!.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(12);
      for (const c of list.commands) expect(c.description.length).toBeGreaterThan(0);
    }
    expect(m.bots[0]!.commandLists[0]!.commands.map((c) => c.title)).toEqual([
      'overdue invoices', 'overdue bills', 'cash', 'taxes due', 'summary', 'refresh', 'settings', 'help',
    ]);
  });
});
