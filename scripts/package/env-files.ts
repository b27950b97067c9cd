/**
 * Teams Toolkit environment files (env/.env.<name>, env/.env.<name>.user) and `${{VAR}}` placeholders,
 * read the way the toolkit reads them: KEY=VALUE lines, # comments, optional quotes; the process environment
 * wins over .env.<name>, which wins over .env.<name>.user.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type EnvVars = Record<string, string>;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** Parses dotenv text: `KEY=value`, `export KEY=value`, quoted values, full-line and trailing ` #` comments. */
export function parseEnvText(text: string): EnvVars {
  const vars: EnvVars = {};
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(line);
    if (!m) continue;
    const key = m[1] as string;
    let value = m[2] as string;
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.length >= 2 && value.endsWith(quote)) {
      value = value.slice(1, -1);
      if (quote === '"') value = value.replace(/\\n/g, '\n');
    } else {
      value = value.replace(/\s+#.*$/, '').trim();
    }
    vars[key] = value;
  }
  return vars;
}

export function envFilePath(root: string, envName: string): string {
  return join(root, 'env', `.env.${envName}`);
}

/**
 * The variables of one environment. `.env.<name>` must exist; `.env.<name>.user` is optional.
 * `processEnv` (default: none) overrides both, as the toolkit lets the shell override the files.
 */
export function loadEnvironment(root: string, envName: string, processEnv: NodeJS.ProcessEnv = {}): EnvVars {
  if (!/^[A-Za-z0-9_-]+$/.test(envName)) throw new Error(`Invalid environment name "${envName}"`);
  const main = envFilePath(root, envName);
  if (!existsSync(main)) throw new Error(`No environment file ${main} (environments: the env/.env.* files)`);
  const user = `${main}.user`;
  const vars: EnvVars = {
    ...(existsSync(user) ? parseEnvText(readFileSync(user, 'utf8')) : {}),
    ...parseEnvText(readFileSync(main, 'utf8')),
  };
  for (const [k, v] of Object.entries(processEnv)) if (v !== undefined) vars[k] = v;
  return vars;
}

/** Every distinct placeholder name in the text, in order of first use. */
export function placeholderNames(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

export interface FillResult {
  text: string;
  /** Names that have no value (undefined or empty), each once. */
  missing: string[];
}

/**
 * Replaces every `${{VAR}}`. A variable without a value is reported, never silently emptied.
 * `escape` transforms each value before insertion (e.g. for JSON string contexts).
 */
export function fillPlaceholders(text: string, vars: EnvVars, escape: (v: string) => string = (v) => v): FillResult {
  const missing = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = vars[name];
    if (value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return escape(value);
  });
  return { text: filled, missing: [...missing] };
}

/** Escapes a value for use inside a JSON string literal. */
export function jsonStringEscape(value: string): string {
  return JSON.stringify(value).slice(1, -1);
}
