#!/usr/bin/env node
// Builds queries.jsonl and queries_input.jsonl from queries_src.mjs (fresh held-out set).
//   node eval/fresh/build.mjs
// - fills gold defaults;
// - gold.related := hand-listed related codes ∪ related.tsv one hop of each asked trade (minus the asked trades);
// - shuffles (seeded) and numbers F001…F048, so the id says nothing about the kind;
// - no split: the whole set is held out.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { queries } from './queries_src.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SHARED = process.env.SHARED_EVAL ?? fileURLToPath(new URL('../../../shared/eval', import.meta.url));

function rng(seed) { // mulberry32
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function shuffle(xs, r) {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const related = new Map();
for (const line of fs.readFileSync(path.join(SHARED, 'related.tsv'), 'utf8').split('\n').slice(1)) {
  if (!line.trim()) continue;
  const [code, , rel] = line.split('\t');
  related.set(code, rel ? rel.split(',').filter(Boolean) : []);
}

const keys = new Set();
const STYLES = ['dialect', 'voice', 'typo', 'pinyin', 'english', 'negation', 'age', 'needs', 'gig', 'training', 'hourly', 'nofit', 'wage'];
const out = shuffle(queries, rng(20260301)).map((src, i) => {
  if (!src.key || keys.has(src.key)) throw new Error(`missing or duplicate key ${src.key}`);
  keys.add(src.key);
  for (const s of src.style) if (!STYLES.includes(s)) throw new Error(`unknown style ${s} in ${src.key}`);
  const g = src.gold;
  const trades = g.trades ?? [];
  const rel = new Set(g.related ?? []);
  for (const t of trades) for (const r of related.get(t) ?? []) rel.add(r);
  for (const t of trades) rel.delete(t);
  const gold = {
    trades,
    related: [...rel],
    place: g.place ?? 'any',
    wage_floor: g.wage_floor ?? null,
    type: g.type ?? null,
    exclude: g.exclude ?? [],
    needs: g.needs ?? [],
    age: g.age ?? null,
    home: src.home ?? null,
  };
  if (gold.place.startsWith('near_home_km') && !gold.home) throw new Error(`near_home_km without home in ${src.key}`);
  if (g.nearest) gold.nearest = g.nearest;
  if (g.nearest_ids) gold.nearest_ids = g.nearest_ids;
  return { id: `F${String(i + 1).padStart(3, '0')}`, key: src.key, text: src.text, home: src.home ?? null, style: src.style, gold };
});

fs.writeFileSync(path.join(here, 'queries.jsonl'), out.map((q) => JSON.stringify(q)).join('\n') + '\n');
fs.writeFileSync(path.join(here, 'queries_input.jsonl'),
  out.map((q) => JSON.stringify({ id: q.id, text: q.text, home: q.home })).join('\n') + '\n');

const count = {};
for (const q of out) for (const s of q.style) count[s] = (count[s] ?? 0) + 1;
const first = {};
for (const q of out) first[q.style[0]] = (first[q.style[0]] ?? 0) + 1;
console.log(`queries=${out.length} (all held out)`);
console.log('by any tag:', JSON.stringify(count));
console.log('by first tag:', JSON.stringify(first));
