// npm run eval:titles [-- --model FILE]: top-1 and top-3 on the aliases the held-out protocol
// (scripts/title-split.ts) keeps from training, for three readers of a title:
//   - the title model (matching/models/title-model.json by default);
//   - the lexicon's classify (TradeLexicon.rank), built here without the held-out aliases, since
//     the shipped one reads every CSCO alias as a word and would simply look them up;
//   - a baseline: character-bigram Dice against every name and training alias.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { TradeLexicon } from '../matching/parse/occupation.ts';
import { TitleModel, type TitleModelFile } from '../matching/parse/title-model.ts';
import { occupationName, readOccupations, titleSplit } from './title-split.ts';

const { values } = parseArgs({ options: { model: { type: 'string', default: 'matching/models/title-model.json' } } });
const rows = readOccupations();
const split = titleSplit(rows);
const model = new TitleModel(JSON.parse(fs.readFileSync(values.model!, 'utf8')) as TitleModelFile);
const lexicon = new TradeLexicon(rows.map((r) => ({ ...r, aliases: split.training.get(r.code) ?? [] })));

const bigrams = (s: string) => {
  const chars = [...s.toUpperCase()];
  if (chars.length < 2) return new Set(chars);
  return new Set(chars.slice(1).map((c, i) => chars[i] + c));
};
const references = rows.flatMap((r) => [occupationName(r.name), ...(split.training.get(r.code) ?? [])].map((t) => ({ code: r.code, grams: bigrams(t) })));
function dice(title: string): string[] {
  const a = bigrams(title);
  const best = new Map<string, number>();
  for (const r of references) {
    let shared = 0;
    for (const g of a) if (r.grams.has(g)) shared++;
    const d = (2 * shared) / (a.size + r.grams.size);
    if (d > (best.get(r.code) ?? 0)) best.set(r.code, d);
  }
  return [...best]
    .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
    .slice(0, 3)
    .map(([c]) => c);
}

const readers: [string, (title: string) => string[]][] = [
  ['title model', (t) => model.predict(t, 3).map((p) => p.code)],
  ['lexicon (TradeLexicon)', (t) => lexicon.rank(t).map((r) => r.code)],
  ['bigram Dice baseline', dice],
];
console.log(`held-out aliases: ${split.heldOut.length}`);
for (const [name, read] of readers) {
  let top1 = 0;
  let top3 = 0;
  for (const h of split.heldOut) {
    const codes = read(h.alias);
    if (codes[0] === h.code) top1++;
    if (codes.slice(0, 3).includes(h.code)) top3++;
  }
  const pct = (n: number) => `${((100 * n) / split.heldOut.length).toFixed(1)}%`;
  console.log(`  ${name.padEnd(24)} top-1 ${pct(top1).padStart(6)}  top-3 ${pct(top3).padStart(6)}`);
}

// The integration's threshold (posting-occupation.ts): how often the model's first guess is
// right when its probability is at least p, and how many titles reach p.
console.log('title model, first guess by its probability:');
const guesses = split.heldOut.map((h) => ({ h, g: model.predict(h.alias, 1)[0] }));
for (const p of [0.3, 0.4, 0.5, 0.6, 0.7, 0.8]) {
  const sure = guesses.filter(({ g }) => g && g.p >= p);
  const right = sure.filter(({ h, g }) => g.code === h.code).length;
  console.log(`  p ≥ ${p.toFixed(1)}: ${String(sure.length).padStart(3)} titles, ${((100 * right) / Math.max(1, sure.length)).toFixed(1)}% right`);
}
