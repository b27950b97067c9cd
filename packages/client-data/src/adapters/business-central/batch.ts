import { z } from 'zod';
import { SourceError } from '../../ports/accounting-source';
import type { BcHttp } from './bc-http';

export interface BatchOp { id: string; url: string }
export interface BatchResult { status: number; body: unknown }

const batchResponse = z.object({
  responses: z.array(z.object({ id: z.string(), status: z.number(), body: z.unknown().optional() })),
});

/**
 * Sends GETs as OData JSON `$batch` requests of at most `maxOps` operations each, so one company costs
 * one round trip instead of one per entity set.
 */
export async function runBatch(
  http: BcHttp, gateKey: string, apiRoot: string, token: string, ops: readonly BatchOp[], maxOps: number,
): Promise<Map<string, BatchResult>> {
  const results = new Map<string, BatchResult>();
  const chunks: BatchOp[][] = [];
  for (let i = 0; i < ops.length; i += maxOps) chunks.push(ops.slice(i, i + maxOps));
  await Promise.all(
    chunks.map(async (chunk) => {
      const raw = await http.json(gateKey, `${apiRoot}/$batch`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: 'application/json', 'data-access-intent': 'ReadOnly' },
        body: JSON.stringify({ requests: chunk.map((op) => ({ id: op.id, method: 'GET', url: op.url, headers: { accept: 'application/json' } })) }),
      });
      const parsed = batchResponse.safeParse(raw);
      if (!parsed.success) throw new SourceError('bad_data', 'Business Central sent a $batch response the hub cannot read.');
      for (const r of parsed.data.responses) results.set(r.id, { status: r.status, body: r.body });
    }),
  );
  return results;
}
