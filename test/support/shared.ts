// The judged development set beside the project (../shared/eval), read by tests only.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared');

export function readJsonl<T = Record<string, unknown>>(rel: string): T[] {
  return fs
    .readFileSync(path.join(SHARED, rel), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export function readQrels(): Map<string, Map<string, number>> {
  const m = new Map<string, Map<string, number>>();
  for (const line of fs
    .readFileSync(path.join(SHARED, 'eval', 'qrels_dev.tsv'), 'utf8')
    .split('\n')
    .slice(1)) {
    const [q, p, g] = line.trim().split('\t');
    if (!q || !p) continue;
    if (!m.has(q)) m.set(q, new Map());
    m.get(q)!.set(p, Number(g));
  }
  return m;
}

/** nDCG@k with gain 2^grade − 1, as shared/eval/score.mjs computes it. */
export function ndcgAt(ranked: string[], judged: Map<string, number>, k: number): number {
  const gain = (g: number) => 2 ** g - 1;
  const dcg = ranked.slice(0, k).reduce((s, id, i) => s + gain(judged.get(id) ?? 0) / Math.log2(i + 2), 0);
  const ideal = [...judged.values()]
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((s, g, i) => s + gain(g) / Math.log2(i + 2), 0);
  return ideal ? dcg / ideal : 0;
}
