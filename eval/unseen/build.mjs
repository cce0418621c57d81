#!/usr/bin/env node
// Builds queries.jsonl, queries_input.jsonl and split.json from queries_src.mjs.
//   node build.mjs
// - fills gold defaults;
// - gold.related := hand-listed related codes ∪ related.tsv one hop of each asked trade (minus the asked trades);
// - shuffles (seeded) and numbers U001…U140, so the id says nothing about the kind;
// - split: per first style tag, a seeded 40% tune / 60% heldout.
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

const STYLES = ['dialect', 'voice', 'typo', 'pinyin', 'english', 'negation', 'age', 'needs', 'gig', 'training', 'hourly', 'nofit', 'wage'];
const out = shuffle(queries, rng(20250611)).map((src, i) => {
  for (const s of src.style) if (!STYLES.includes(s)) throw new Error(`unknown style ${s} in ${src.text}`);
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
  if (g.nearest) gold.nearest = g.nearest;
  if (g.nearest_ids) gold.nearest_ids = g.nearest_ids;
  return { id: `U${String(i + 1).padStart(3, '0')}`, text: src.text, home: src.home ?? null, style: src.style, gold };
});

fs.writeFileSync(path.join(here, 'queries.jsonl'), out.map((q) => JSON.stringify(q)).join('\n') + '\n');
fs.writeFileSync(path.join(here, 'queries_input.jsonl'),
  out.map((q) => JSON.stringify({ id: q.id, text: q.text, home: q.home })).join('\n') + '\n');

// stratified split by first style tag
const r = rng(7);
const strata = new Map();
for (const q of out) {
  const k = q.style[0];
  if (!strata.has(k)) strata.set(k, []);
  strata.get(k).push(q.id);
}
const tune = [], heldout = [];
for (const [, ids] of [...strata].sort()) {
  const s = shuffle(ids, r);
  const n = Math.round(s.length * 0.4);
  tune.push(...s.slice(0, n));
  heldout.push(...s.slice(n));
}
tune.sort(); heldout.sort();
fs.writeFileSync(path.join(here, 'split.json'), JSON.stringify({ seed: 7, rule: '40% tune / 60% heldout per first style tag', tune, heldout }, null, 1) + '\n');

const count = {};
for (const q of out) for (const s of q.style) count[s] = (count[s] ?? 0) + 1;
const first = {};
for (const q of out) first[q.style[0]] = (first[q.style[0]] ?? 0) + 1;
console.log(`queries=${out.length} tune=${tune.length} heldout=${heldout.length}`);
console.log('by any tag:', JSON.stringify(count));
console.log('by first tag:', JSON.stringify(first));
