// The judged development set, as fixtures inside the repository (test/fixtures/dev-eval, see its
// README): a clone of the repository alone passes its tests.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'dev-eval');
/** The 407 raw postings the set judges (the demo postings). */
export const POSTINGS_FILE = path.join(ROOT, 'prisma', 'seed', 'postings.jsonl');

function readJsonlFile<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** The raw postings. */
export const readPostings = <T = Record<string, unknown>>(): T[] => readJsonlFile<T>(POSTINGS_FILE);

/** A JSON Lines fixture of the development set, by file name. */
export const readFixture = <T = Record<string, unknown>>(name: string): T[] => readJsonlFile<T>(path.join(FIXTURES, name));

export function readQrels(): Map<string, Map<string, number>> {
  const m = new Map<string, Map<string, number>>();
  for (const line of fs.readFileSync(path.join(FIXTURES, 'qrels_dev.tsv'), 'utf8').split('\n').slice(1)) {
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
