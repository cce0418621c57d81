// Trains the title model (matching/parse/title-model.ts) from the occupation classification:
// a softmax over CSCO detailed occupations on character n-gram features of a title.
//   npm run train:titles [-- --epochs 8 --out matching/models/title-model.json]
//
// Training text, weighted by how much it looks like a job title: names ×3 (their stems ×1), the aliases the
// held-out protocol leaves for training (scripts/title-split.ts) ×2, the lexicon's everyday words
// ×1.5 (a word naming several trades teaches all of them, in proportion), definitions ×0.5 and
// task lists ×0.3 (prose: many words, few of them in titles). Held-out aliases are never read.
//
// The hierarchy shares strength between siblings: an occupation's score is its own weights plus
// those of its minor group (6-18-02) and sub-major group (6-18), so a word learnt from one welder
// speaks for every welding occupation, and a title close to a group but to none of its members
// still lands in the right part of the tree.
//
// Deterministic: a seeded shuffle, one thread, fixed epochs. The shipped JSON keeps the largest
// weights up to a budget, rounded to 4 decimals.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { lexiconTerms } from '../matching/data/lexicon.ts';
import { cleanTitle, titleFeatures } from '../matching/parse/title-features.ts';
import { groupsOf, type TitleModelFile } from '../matching/parse/title-model.ts';
import { occupationName, readOccupations, titleSplit } from './title-split.ts';

const { values } = parseArgs({
  options: {
    epochs: { type: 'string', default: '8' },
    rate: { type: 'string', default: '0.8' },
    budget: { type: 'string', default: '450000' },
    out: { type: 'string', default: 'matching/models/title-model.json' },
  },
});
const EPOCHS = Number(values.epochs);
const RATE = Number(values.rate);
const BUDGET = Number(values.budget);
const started = performance.now();

const rows = readOccupations();
const split = titleSplit(rows);
const classes = [...new Set(rows.map((r) => r.code))].sort();
const classIndex = new Map(classes.map((c, i) => [c, i]));
const C = classes.length;
const minors = [...new Set(classes.map((c) => groupsOf(c).minor))].sort();
const subs = [...new Set(classes.map((c) => groupsOf(c).sub))].sort();
const minorOf = Int32Array.from(classes, (c) => minors.indexOf(groupsOf(c).minor));
const subOf = Int32Array.from(classes, (c) => subs.indexOf(groupsOf(c).sub));
const M = minors.length;
const S = subs.length;

// ---- Examples --------------------------------------------------------------------------------
interface Example {
  features: Map<string, number>;
  target: [number, number][]; // class, probability
  weight: number;
  titleLike: boolean;
}
const examples: Example[] = [];
const push = (text: string, target: [number, number][], weight: number, titleLike: boolean) => {
  if (!text.trim() || split.heldOutTexts.has(text)) return;
  examples.push({ features: titleFeatures(cleanTitle(text)), target, weight, titleLike });
};
const seen = new Set<string>();
for (const r of rows) {
  const k = classIndex.get(r.code)!;
  if (seen.has(r.code)) continue; // two rows repeat a code word for word
  seen.add(r.code);
  const name = occupationName(r.name);
  push(name, [[k, 1]], 3, true);
  // Its stem too: titles often drop the role word (钻床工 → 钻床, 锅炉操作工 → 锅炉操作).
  const stem = name.replace(/(工程技术人员|技术人员|人员|操作工|制作工|工|员|师)$/, '');
  if (stem !== name && [...stem].length >= 2) push(stem, [[k, 1]], 1, true);
  for (const a of split.training.get(r.code) ?? []) push(a, [[k, 1]], 2, true);
  push(r.definition, [[k, 1]], 0.5, false);
  push(r.tasks, [[k, 1]], 0.3, false);
}
for (const [term, codes] of lexiconTerms()) {
  const known = [...codes].filter(([c]) => classIndex.has(c));
  const total = known.reduce((s, [, w]) => s + w, 0);
  if (!total) continue;
  const best = Math.max(...known.map(([, w]) => w));
  push(
    term,
    known.map(([c, w]) => [classIndex.get(c)!, w / total]),
    1.5 * best,
    true,
  );
}

// ---- Feature vocabulary: everything in title-like text, and prose n-grams shared by 2+ occupations.
const docFreq = new Map<string, number>();
for (const e of examples) if (!e.titleLike) for (const f of e.features.keys()) docFreq.set(f, (docFreq.get(f) ?? 0) + 1);
const vocab = new Map<string, number>();
for (const e of examples) if (e.titleLike) for (const f of e.features.keys()) if (!vocab.has(f)) vocab.set(f, vocab.size);
for (const [f, n] of docFreq) if (n >= 2 && !vocab.has(f)) vocab.set(f, vocab.size);
const F = vocab.size;
const encoded = examples.map((e) => {
  const idx: number[] = [];
  const val: number[] = [];
  for (const [f, v] of e.features) {
    const i = vocab.get(f);
    if (i !== undefined) {
      idx.push(i);
      val.push(v);
    }
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val), target: e.target, weight: e.weight };
});
console.error(`${examples.length} examples, ${F} features, ${C} occupations, ${M} minor and ${S} sub-major groups, ${split.heldOut.length} aliases held out`);

// ---- Training: SGD on the softmax cross-entropy, learning rate falling linearly to a tenth.
const W = new Float32Array(F * C);
const G3 = new Float32Array(F * M);
const G2 = new Float32Array(F * S);
const bias = new Float32Array(C);
const scores = new Float64Array(C);
const g3 = new Float64Array(M);
const g2 = new Float64Array(S);
const e3 = new Float64Array(M);
const e2 = new Float64Array(S);

let seed = 20220601;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
};

function forward(idx: Int32Array, val: Float32Array): void {
  scores.set(bias);
  g3.fill(0);
  g2.fill(0);
  for (let j = 0; j < idx.length; j++) {
    const f = idx[j];
    const x = val[j];
    const w = f * C;
    for (let c = 0; c < C; c++) scores[c] += x * W[w + c];
    const m = f * M;
    for (let k = 0; k < M; k++) g3[k] += x * G3[m + k];
    const s = f * S;
    for (let k = 0; k < S; k++) g2[k] += x * G2[s + k];
  }
  let max = -Infinity;
  for (let c = 0; c < C; c++) {
    scores[c] += g3[minorOf[c]] + g2[subOf[c]];
    if (scores[c] > max) max = scores[c];
  }
  let sum = 0;
  for (let c = 0; c < C; c++) {
    scores[c] = Math.exp(scores[c] - max);
    sum += scores[c];
  }
  for (let c = 0; c < C; c++) scores[c] /= sum;
}

const order = encoded.map((_, i) => i);
const steps = EPOCHS * order.length;
let step = 0;
for (let epoch = 0; epoch < EPOCHS; epoch++) {
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  let loss = 0;
  for (const n of order) {
    const ex = encoded[n];
    const lr = RATE * (1 - (0.9 * step++) / steps) * ex.weight;
    forward(ex.idx, ex.val);
    // Gradient of the loss on the scores: p − y.
    for (const [c, y] of ex.target) {
      loss -= ex.weight * y * Math.log(scores[c] + 1e-12);
      scores[c] -= y;
    }
    e3.fill(0);
    e2.fill(0);
    for (let c = 0; c < C; c++) {
      e3[minorOf[c]] += scores[c];
      e2[subOf[c]] += scores[c];
      bias[c] -= 0.1 * lr * scores[c];
    }
    for (let j = 0; j < ex.idx.length; j++) {
      const f = ex.idx[j];
      const step = lr * ex.val[j];
      const w = f * C;
      for (let c = 0; c < C; c++) W[w + c] -= step * scores[c];
      const m = f * M;
      for (let k = 0; k < M; k++) G3[m + k] -= step * e3[k];
      const s = f * S;
      for (let k = 0; k < S; k++) G2[s + k] -= step * e2[k];
    }
  }
  console.error(`epoch ${epoch + 1}: loss ${(loss / encoded.length).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

// ---- Pruning to the budget: the largest weights across all three levels.
let nonzero = 0;
for (const a of [W, G3, G2]) for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) >= 1e-3) nonzero++;
const magnitudes = new Float32Array(nonzero);
nonzero = 0;
for (const a of [W, G3, G2]) for (let i = 0; i < a.length; i++) if (Math.abs(a[i]) >= 1e-3) magnitudes[nonzero++] = -Math.abs(a[i]);
magnitudes.sort(); // typed: numeric, largest magnitude first
const floor = Math.max(1e-3, -(magnitudes[Math.min(BUDGET, magnitudes.length) - 1] ?? 0));
const round = (x: number) => Math.round(x * 1e4) / 1e4;
const features: TitleModelFile['features'] = {};
let kept = 0;
for (const [name, f] of vocab) {
  const levels: [Float32Array, number][] = [
    [W, C],
    [G3, M],
    [G2, S],
  ];
  const entry = levels.map(([a, width]) => {
    const flat: number[] = [];
    for (let k = 0; k < width; k++) {
      const x = a[f * width + k];
      if (Math.abs(x) >= floor) flat.push(k, round(x));
    }
    kept += flat.length / 2;
    return flat;
  }) as [number[], number[], number[]];
  if (entry.some((l) => l.length)) features[name] = entry;
}
const model: TitleModelFile = {
  about: 'Title → CSCO-2022 occupation: softmax over character n-grams, trained by scripts/train-title-model.ts (npm run train:titles)',
  classes,
  minors,
  subs,
  bias: Array.from(bias, round),
  features,
};
fs.writeFileSync(values.out!, JSON.stringify(model));
const seconds = (performance.now() - started) / 1000;
console.error(`kept ${kept} weights (|w| ≥ ${floor.toFixed(4)}); wrote ${values.out} (${(fs.statSync(values.out!).size / 1e6).toFixed(2)} MB) in ${seconds.toFixed(1)} s`);
