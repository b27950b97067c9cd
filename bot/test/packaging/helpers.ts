import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { openPromise } from 'yauzl';
import { EnvVars, loadEnvironment } from '../../../scripts/package/env-files';

export const ROOT = resolve(__dirname, '..', '..', '..');
export const read = (rel: string): string => readFileSync(join(ROOT, rel), 'utf8');

/** Values a provisioned environment would have: what the toolkit writes, in the right shapes. */
export const PROVISIONED: EnvVars = {
  TEAMS_APP_ID: '2d4e8f1a-7b3c-4e5d-9a6f-0b1c2d3e4f5a',
  BOT_ID: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a',
  AAD_APP_CLIENT_ID: '0a1b2c3d-4e5f-4a7b-8c9d-0e1f2a3b4c5d',
  TAB_DOMAIN: 'app-achubdev-abc123.azurewebsites.net',
  TAB_ENDPOINT: 'https://app-achubdev-abc123.azurewebsites.net',
};

/** env/.env.<name> with the provisioned values laid over it (no process environment). */
export function provisionedEnv(envName: string): EnvVars {
  return { ...loadEnvironment(ROOT, envName), ...PROVISIONED };
}

export interface Step {
  uses: string;
  name?: string;
  with?: Record<string, unknown>;
  writeToEnvironmentFile?: Record<string, string>;
  env?: Record<string, string>;
}
export type Lifecycle = 'provision' | 'deploy' | 'publish';
export const LIFECYCLES: Lifecycle[] = ['provision', 'deploy', 'publish'];
export type ProjectFile = Partial<Record<Lifecycle, Step[]>> & { version: string; environmentFolderPath?: string };

export function readProjectFile(rel: string): ProjectFile {
  return parseYaml(read(rel)) as ProjectFile;
}

/** Every string value inside a YAML node (comments are gone after parsing). */
export function stringsIn(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(stringsIn);
  if (node && typeof node === 'object') return Object.values(node).flatMap(stringsIn);
  return [];
}

/** Reads a zip into name -> bytes. */
export async function readZip(path: string): Promise<Map<string, Buffer>> {
  const zip = await openPromise(path, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  try {
    for await (const entry of zip.eachEntry()) {
      const stream = await zip.openReadStreamPromise(entry);
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      files.set(entry.fileName, Buffer.concat(chunks));
    }
  } finally {
    zip.close();
  }
  return files;
}

export interface PngHeader {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
}

/** Reads the signature and the IHDR chunk of a PNG. */
export function pngHeader(data: Buffer): PngHeader {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (data.length < 33 || !data.subarray(0, 8).equals(signature)) throw new Error('not a PNG');
  if (data.toString('ascii', 12, 16) !== 'IHDR') throw new Error('PNG without IHDR first');
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data.readUInt8(24),
    colorType: data.readUInt8(25),
  };
}
