import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate, migrations, openPglite } from '../packages/client-data/src/testing';

/** Migrates one PGlite database and dumps it, so each suite starts from the dump in ~0.4 s instead of ~4 s. */
export default async function globalSetup(): Promise<void> {
  const hash = createHash('sha256').update(JSON.stringify(migrations)).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), 'accountant-hub-test');
  const file = join(dir, `pglite-${hash}.tar.gz`);
  process.env.HUB_TEST_PGLITE_DUMP = file;
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  const db = await openPglite();
  await migrate(db);
  const dump = await db.pglite.dumpDataDir('gzip');
  // Written aside and renamed: runs started together never read a half-written dump.
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  renameSync(partial, file);
  await db.close();
}
