import { describe, expect, it } from 'vitest';
import { groupCommit } from '../src/group-commit.js';

/** A table that holds each write open until released, to see what arrives together. */
function slowTable() {
  const rows: number[] = [];
  const writes: number[][] = [];
  let release: () => void = () => {};
  const writeAll = async (items: number[]) => {
    writes.push(items);
    await new Promise<void>((resolve) => (release = resolve));
    rows.push(...items);
  };
  return { rows, writes, writeAll, release: () => release() };
}

describe('group commit', () => {
  it('items arriving while a write runs go together in the next write, and each caller waits for its own row', async () => {
    const table = slowTable();
    const record = groupCommit(table.writeAll);
    const first = record(1);
    const rest = [2, 3, 4].map((n) => record(n));
    let restDone = false;
    void Promise.all(rest).then(() => (restDone = true));

    expect(table.writes).toEqual([[1]]);
    table.release();
    await first;
    expect(table.rows).toEqual([1]);
    expect(restDone).toBe(false);

    await expect.poll(() => table.writes).toEqual([[1], [2, 3, 4]]);
    table.release();
    await Promise.all(rest);
    expect(table.rows).toEqual([1, 2, 3, 4]);
  });

  it('a failed write fails every caller of its batch, and later items are still written', async () => {
    let failNext = true;
    const rows: string[] = [];
    const record = groupCommit(async (items: string[]) => {
      await Promise.resolve();
      if (failNext) {
        failNext = false;
        throw new Error('database gone');
      }
      rows.push(...items);
    });
    await expect(record('lost')).rejects.toThrow('database gone');
    await record('kept');
    expect(rows).toEqual(['kept']);
  });
});
