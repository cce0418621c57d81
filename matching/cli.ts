// npm run --silent match -- --postings FILE.jsonl --queries FILE.jsonl --top 10 [--model NAME|none] [--model-dir DIR]
// Writes one JSON line per query (the run format of shared/eval): results best first.
// Reads only {id, text, home} of each query, never judged fields. `--model none` runs without
// embeddings (for ablations); another NAME loads that model folder instead of the project's own.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { TransformersEmbedder } from './embed/embedder.ts';
import { Matcher } from './index.ts';
import type { RawPosting } from './types.ts';

const { values } = parseArgs({
  options: { postings: { type: 'string' }, queries: { type: 'string' }, top: { type: 'string', default: '10' }, model: { type: 'string' }, 'model-dir': { type: 'string' } },
});
if (!values.postings || !values.queries) {
  console.error('usage: npm run --silent match -- --postings FILE.jsonl --queries FILE.jsonl [--top 10]');
  process.exit(2);
}
const readJsonl = (f: string) =>
  fs
    .readFileSync(f, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, n) => {
      try {
        return JSON.parse(l);
      } catch {
        throw new Error(`${f}:${n + 1}: not valid JSON`);
      }
    });

const started = performance.now();
const postings = readJsonl(values.postings) as RawPosting[];
const embedder =
  values.model === 'none' ? null : await TransformersEmbedder.load({ model: values.model, modelDir: values['model-dir'] ? path.resolve(values['model-dir']) : undefined });
const matcher = await Matcher.fromPostings(postings, { embedder });
console.error(`indexed ${postings.length} postings in ${Math.round(performance.now() - started)} ms`);
const top = Number(values.top) || 10;
for (const q of readJsonl(values.queries) as { id: string; text: string; home?: string | null }[]) {
  const results = await matcher.search({ text: q.text, home: q.home ?? null }, { top, nearest: true });
  process.stdout.write(JSON.stringify({ query_id: q.id, results: results.map((r) => ({ posting_id: r.postingId, score: r.score, reasons: r.reasons, fit: r.fit })) }) + '\n');
}
