/** The `hugeBody` fault: a 200 whose JSON body is far larger than any real page, or never ends. */
import type { ServerResponse } from 'node:http';
import type { Fault } from '../types';

const HEAD = Buffer.from('{"@odata.context":"huge","value":[');
const ROW = Buffer.from(`{"id":"00000000-0000-0000-0000-000000000000","number":"HUGE","displayName":"${'x'.repeat(180)}"},`);
const CHUNK = Buffer.concat(Array.from({ length: Math.ceil(65_536 / ROW.length) }, () => ROW));

/**
 * Writes the body as fast as the caller reads it (backpressure honoured) until `bytes` are out or the caller hangs
 * up; `onBytes` counts what was actually written, so a test can see how much the caller took before it stopped.
 */
export async function streamHugeBody(res: ServerResponse, spec: NonNullable<Fault['hugeBody']>, onBytes: (n: number) => void): Promise<void> {
  const total = spec.bytes;
  res.writeHead(200, {
    'Content-Type': 'application/json; odata.metadata=minimal', 'OData-Version': '4.0',
    ...(spec.declareLength && total !== undefined ? { 'Content-Length': String(total) } : {}),
  });
  let sent = 0;
  const write = async (piece: Buffer) => {
    sent += piece.length;
    onBytes(piece.length);
    if (res.write(piece)) return;
    await new Promise<void>((resolve) => {
      const done = () => { res.off('drain', done); res.off('close', done); resolve(); };
      res.on('drain', done);
      res.on('close', done);
    });
  };
  await write(total === undefined ? HEAD : HEAD.subarray(0, total));
  while (!res.destroyed && (total === undefined || sent < total)) {
    await write(total === undefined ? CHUNK : CHUNK.subarray(0, Math.min(CHUNK.length, total - sent)));
    if (spec.chunkDelayMs) await new Promise<void>((resolve) => setTimeout(resolve, spec.chunkDelayMs));
  }
  if (!res.destroyed) res.end();
}
