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
});
