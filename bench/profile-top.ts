import { readFile } from 'node:fs/promises';
import path from 'node:path';

// `node --import tsx bench/profile-top.ts <file.cpuprofile> [count]`: the frames where a
// `--cpu-prof` profile (BENCH_PROFILE=1) spent its own time, heaviest first, idle excluded.
interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
const [file, shown = '15'] = process.argv.slice(2);
if (!file) throw new Error('usage: bench/profile-top.ts <file.cpuprofile> [count]');
const profile = JSON.parse(await readFile(file, 'utf8')) as { nodes: Node[] };
const byFrame = new Map<string, number>();
let total = 0;
for (const node of profile.nodes) {
  const hits = node.hitCount ?? 0;
  total += hits;
  const { functionName, url, lineNumber } = node.callFrame;
  if (functionName === '(idle)' || functionName === '(program)') continue;
  const where = url ? `${url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '').replace(path.resolve(import.meta.dirname, '..') + '/', '')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`;
  byFrame.set(key, (byFrame.get(key) ?? 0) + hits);
}
const top = [...byFrame.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(shown));
for (const [frame, hits] of top) console.log(`${((hits / total) * 100).toFixed(1).padStart(5)} %  ${frame}`);
