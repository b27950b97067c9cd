import { OutcomeWriter, type OutcomeBatch } from '../../src/services/outcome-writer';

const batch = (id: string): OutcomeBatch => ({ outcomes: [{ companyId: id, error: { kind: 'upstream', message: 'x' } }], jobId: 'j' });

describe('write-behind of refresh outcomes', () => {
  it('stores what arrives during a write in the next write, and settles each caller after its own rows are stored', async () => {
    const writes: string[][] = [];
    let release: () => void = () => undefined;
    const writer = new OutcomeWriter(async (batches) => {
      writes.push(batches.flatMap((b) => b.outcomes.map((o) => o.companyId)));
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const settled: string[] = [];
    const first = writer.write(batch('a')).then(() => settled.push('a'));
    const later = ['b', 'c', 'd'].map((id) => writer.write(batch(id)).then(() => settled.push(id)));
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual([['a']]);
    expect(settled).toEqual([]);
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([['a'], ['b', 'c', 'd']]);
    expect(settled).toEqual(['a', 'b', 'c', 'd']);
  });

  it('fails only the callers of a failed write; the next write still runs', async () => {
    let calls = 0;
    const writer = new OutcomeWriter(async () => {
      calls += 1;
      if (calls === 1) throw new Error('store down');
    });
    await expect(writer.write(batch('a'))).rejects.toThrow('store down');
    await expect(writer.write(batch('b'))).resolves.toBeUndefined();
    expect(calls).toBe(2);
  });

  it('while other reads are in flight, waits briefly so environments finishing close together share one write; the last is written at once', async () => {
    const writes: string[][] = [];
    let more = true;
    const writer = new OutcomeWriter(async (batches) => void writes.push(batches.flatMap((b) => b.outcomes.map((o) => o.companyId))), { moreComing: () => more, lingerMs: 1000 });
    const a = writer.write(batch('a'));
    const b = writer.write(batch('b'));
    await new Promise((r) => setTimeout(r, 20));
    expect(writes).toEqual([]);
    more = false;
    await writer.write(batch('c'));
    await Promise.all([a, b]);
    expect(writes).toEqual([['a', 'b', 'c']]);
  });

  it('writes at once when enough companies are waiting, and after the linger when no more arrive', async () => {
    const writes: number[] = [];
    const writer = new OutcomeWriter(async (batches) => void writes.push(batches.length), { moreComing: () => true, lingerMs: 30, maxCompanies: 2 });
    await Promise.all([writer.write(batch('a')), writer.write(batch('b'))]);
    expect(writes).toEqual([2]);
    const started = Date.now();
    await writer.write(batch('c'));
    expect(writes).toEqual([2, 1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
