// Trains the project's own small Chinese embedding model from the occupation classification
// (names, aliases, definitions, tasks) and the trade lexicon, and exports it in the layout
// transformers.js loads: config.json, tokenizer.json (BERT WordPiece, one token per Chinese
// character), tokenizer_config.json, onnx/model.onnx.
//
// --method ppmi: a character × occupation co-occurrence matrix, weighted by positive pointwise
// mutual information, factorised by a truncated SVD; a character's vector is its row of U·√S. The
// ONNX graph is a Gather over that table producing last_hidden_state; the pipeline's mean pooling
// and normalisation turn it into a text vector.
//
// --method contrastive (the default): starts from the PPMI-SVD character vectors and adds one
// vector per known character bigram (initially zero, so training starts from the PPMI model).
// A text's vector is the normalised sum of its characters' and bigrams' vectors. Trained with
// InfoNCE: an everyday word, alias, name or a snippet of an occupation's definition or tasks
// should be nearer its occupation's text (name and other aliases and words) than the other
// occupations of the batch and than sibling occupations of the same group (hard negatives).
// The graph computes bigram ids itself from input_ids (a hash table lookup: Mod, Gather, Equal,
// Where), so the tokenizer stays the plain one-character BERT tokenizer.
//
// Deterministic: fixed seeds, no threads.
//   npx tsx scripts/train-embeddings.ts [--method contrastive|ppmi] [--no-bigrams] [--dim 64]
//     [--epochs 30] [--holdout 0] [--out matching/models/huishui-char-zh]
// --holdout P leaves about P% of aliases (by hash) out of training (scripts/eval-embeddings.ts).
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import onnxProto from 'onnx-proto';
import { trainingData } from './embedding-data.ts';

const { onnx } = onnxProto;
const { values } = parseArgs({
  options: {
    method: { type: 'string', default: 'contrastive' },
    'no-bigrams': { type: 'boolean', default: false },
    dim: { type: 'string', default: '64' },
    epochs: { type: 'string', default: '30' },
    'max-bigrams': { type: 'string', default: '30000' },
    holdout: { type: 'string', default: '0' },
    out: { type: 'string', default: 'matching/models/huishui-char-zh' },
    quiet: { type: 'boolean', default: false },
  },
});
const METHOD = values.method!;
if (!['ppmi', 'contrastive'].includes(METHOD)) {
  console.error('--method takes contrastive or ppmi');
  process.exit(2);
}
const BIGRAMS = METHOD === 'contrastive' && !values['no-bigrams'];
const DIM = Number(values.dim);
const EPOCHS = Number(values.epochs);
const MAX_BIGRAMS = Number(values['max-bigrams']);
const OUT = values.out!;
const log = (s: string) => values.quiet || console.error(s);
const started = performance.now();

const { occupations, lexicon } = trainingData(Number(values.holdout));

// Documents: one per occupation. Names and everyday words count more than prose.
const docs = occupations.map((o) => {
  const words = [...lexicon].filter(([, codes]) => codes.has(o.code)).map(([w]) => w);
  return [o.name.repeat(3), ...o.aliases.map((a) => a.repeat(2)), ...words.map((w) => w.repeat(2)), o.definition, o.tasks].join(' ');
});
const isHan = (c: string) => /\p{Script=Han}/u.test(c);

const vocab = new Map<string, number>();
for (const d of docs) for (const c of d) if (isHan(c) && !vocab.has(c)) vocab.set(c, vocab.size);
const V = vocab.size;
const O = docs.length;
log(`${METHOD}${BIGRAMS ? ' with bigrams' : ''}: vocabulary ${V} characters, ${O} occupations, ${DIM} dimensions`);

// Co-occurrence counts and PPMI with context smoothing (α = 0.75).
const M = new Float64Array(V * O);
docs.forEach((d, o) => {
  for (const c of d) if (isHan(c)) M[vocab.get(c)! * O + o] += 1;
});
const rowSum = new Float64Array(V);
const colSum = new Float64Array(O);
let total = 0;
for (let i = 0; i < V; i++)
  for (let j = 0; j < O; j++) {
    const x = M[i * O + j];
    rowSum[i] += x;
    colSum[j] += x;
    total += x;
  }
const colPow = Float64Array.from(colSum, (x) => x ** 0.75);
const colPowSum = colPow.reduce((a, b) => a + b, 0);
for (let i = 0; i < V; i++)
  for (let j = 0; j < O; j++) {
    const x = M[i * O + j];
    if (!x) continue;
    const pmi = Math.log(x / total / ((rowSum[i] / total) * (colPow[j] / colPowSum)));
    M[i * O + j] = pmi > 0 ? pmi : 0;
  }

// Truncated SVD by randomised subspace iteration (seeded), then a small symmetric eigenproblem.
let seed = 20261130;
const rand = () => {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648;
};
const gauss = () => Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
const K = DIM + 16;
const matmul = (A: Float64Array, B: Float64Array, n: number, m: number, k: number) => {
  const C = new Float64Array(n * k); // A n×m · B m×k
  for (let i = 0; i < n; i++)
    for (let t = 0; t < m; t++) {
      const a = A[i * m + t];
      if (!a) continue;
      for (let j = 0; j < k; j++) C[i * k + j] += a * B[t * k + j];
    }
  return C;
};
const transpose = (A: Float64Array, n: number, m: number) => {
  const T = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) T[j * n + i] = A[i * m + j];
  return T;
};
const orthonormalise = (Y: Float64Array, n: number, k: number) => {
  for (let j = 0; j < k; j++) {
    for (let p = 0; p < j; p++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += Y[i * k + j] * Y[i * k + p];
      for (let i = 0; i < n; i++) Y[i * k + j] -= d * Y[i * k + p];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += Y[i * k + j] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < n; i++) Y[i * k + j] /= norm;
  }
  return Y;
};
const Mt = transpose(M, V, O);
const omega = Float64Array.from({ length: O * K }, gauss);
let Q = orthonormalise(matmul(M, omega, V, O, K), V, K);
for (let it = 0; it < 3; it++) {
  const Z = orthonormalise(matmul(Mt, Q, O, V, K), O, K);
  Q = orthonormalise(matmul(M, Z, V, O, K), V, K);
}
const B = matmul(transpose(Q, V, K), M, K, V, O); // K×O
const BBt = matmul(B, transpose(B, K, O), K, O, K); // K×K, symmetric
// Jacobi eigenvalue iteration.
const E = Float64Array.from({ length: K * K }, (_, i) => (i % (K + 1) === 0 ? 1 : 0));
const A = Float64Array.from(BBt);
for (let sweep = 0; sweep < 60; sweep++) {
  let off = 0;
  for (let p = 0; p < K; p++) for (let q = p + 1; q < K; q++) off += A[p * K + q] ** 2;
  if (off < 1e-18) break;
  for (let p = 0; p < K; p++)
    for (let q = p + 1; q < K; q++) {
      const apq = A[p * K + q];
      if (Math.abs(apq) < 1e-15) continue;
      const theta = (A[q * K + q] - A[p * K + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1),
        s = t * c;
      for (let k = 0; k < K; k++) {
        const akp = A[k * K + p],
          akq = A[k * K + q];
        A[k * K + p] = c * akp - s * akq;
        A[k * K + q] = s * akp + c * akq;
      }
      for (let k = 0; k < K; k++) {
        const apk = A[p * K + k],
          aqk = A[q * K + k];
        A[p * K + k] = c * apk - s * aqk;
        A[q * K + k] = s * apk + c * aqk;
      }
      for (let k = 0; k < K; k++) {
        const ekp = E[k * K + p],
          ekq = E[k * K + q];
        E[k * K + p] = c * ekp - s * ekq;
        E[k * K + q] = s * ekp + c * ekq;
      }
    }
}
const order = Array.from({ length: K }, (_, i) => i)
  .sort((a, b) => A[b * K + b] - A[a * K + a])
  .slice(0, DIM);
const U = matmul(Q, E, V, K, K); // V×K: left singular vectors
// Special tokens ([PAD], [UNK], [CLS], [SEP]) map to zero vectors: they carry no meaning, and
// zeros leave the direction of a mean-pooled, normalised text vector unchanged.
const specials = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];
const table = new Float32Array((specials.length + V) * DIM);
for (const i of vocab.values())
  for (let d = 0; d < DIM; d++) {
    const k = order[d];
    table[(specials.length + i) * DIM + d] = U[i * K + k] * Math.sqrt(Math.sqrt(Math.max(0, A[k * K + k])));
  }

// ---- Contrastive training (--method contrastive) ----
const NS = specials.length;
const NV = NS + V;
const UNK = 1;
/** Token ids as the graph sees them (without [CLS]/[SEP]): one per Han character; whitespace
 * makes no token (so characters either side of a space are neighbours, as in the pipeline); any
 * other run of characters is a token the vocabulary lacks ([UNK]), which breaks a bigram. */
const tokenIds = (text: string): number[] => {
  const ids: number[] = [];
  let inOther = false;
  for (const c of text.toLowerCase()) {
    if (/\s/u.test(c)) {
      inOther = false;
      continue;
    }
    if (isHan(c)) {
      ids.push(vocab.has(c) ? NS + vocab.get(c)! : UNK);
      inOther = false;
    } else if (!inOther) {
      ids.push(UNK);
      inOther = true;
    }
  }
  return ids;
};
const bigramKeys = (ids: number[]): number[] => {
  const keys: number[] = [];
  for (let i = 0; i + 1 < ids.length; i++) if (ids[i] >= NS && ids[i + 1] >= NS) keys.push(ids[i] * NV + ids[i + 1]);
  return keys;
};

// Seeded generator for sampling (a separate stream from the SVD's).
let s2 = 0x2f6b1d3;
const rnd = () => {
  s2 = (Math.imul(s2, 1664525) + 1013904223) >>> 0;
  return s2 / 4294967296;
};
const shuffle = <T>(xs: T[]): T[] => {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
};
const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];

// Everyday words of each occupation, and every code a word or alias names (those are not
// negatives of each other).
const wordsOf = occupations.map(() => [] as { w: string; weight: number }[]);
const index = new Map(occupations.map((o, i) => [o.code, i]));
const codesOf = new Map<string, Set<number>>();
const addCode = (w: string, i: number) => codesOf.set(w, (codesOf.get(w) ?? new Set()).add(i));
for (const [w, codes] of lexicon)
  for (const [code, weight] of codes) {
    const i = index.get(code);
    if (i === undefined) continue;
    wordsOf[i].push({ w, weight });
    addCode(w, i);
  }
occupations.forEach((o, i) => {
  addCode(o.name, i);
  for (const a of o.aliases) addCode(a, i);
});
// Siblings: the other occupations of the same minor group (6-18-02), else of the same middle group.
const siblings = occupations.map((o, i) => {
  const near = occupations.map((_, j) => j).filter((j) => j !== i && occupations[j].code.slice(0, 7) === o.code.slice(0, 7));
  return near.length ? near : occupations.map((_, j) => j).filter((j) => j !== i && occupations[j].code.slice(0, 4) === o.code.slice(0, 4));
});
const clauses = (text: string) =>
  text
    .split(/[，。；：、\s]+/u)
    .map((c) => c.replace(/^(主要|负责|从事|进行|担任)/u, ''))
    .filter((c) => [...c].filter(isHan).length >= 3);
const defClauses = occupations.map((o) => clauses(o.definition));
const taskClauses = occupations.map((o) => clauses(o.tasks));

// Bigram vocabulary: every bigram of names, aliases and everyday words, then those seen at least
// twice in definitions and tasks, most frequent first, up to --max-bigrams.
const bigramRow = new Map<number, number>();
if (BIGRAMS) {
  const core = new Map<number, number>();
  const prose = new Map<number, number>();
  const count = (m: Map<number, number>, text: string) => {
    for (const k of bigramKeys(tokenIds(text))) m.set(k, (m.get(k) ?? 0) + 1);
  };
  occupations.forEach((o, i) => {
    count(core, o.name);
    for (const a of o.aliases) count(core, a);
    for (const { w } of wordsOf[i]) count(core, w);
    count(prose, o.definition);
    count(prose, o.tasks);
  });
  const ranked = [
    ...[...core].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([k]) => k),
    ...[...prose]
      .filter(([k, n]) => n >= 2 && !core.has(k))
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([k]) => k),
  ].slice(0, MAX_BIGRAMS);
  for (const k of ranked) bigramRow.set(k, bigramRow.size + 1); // row 0: the zero vector
}
const NB = bigramRow.size + 1;

interface Tok {
  u: Int32Array;
  b: Int32Array;
}
const tokCache = new Map<string, Tok>();
const tok = (text: string): Tok => {
  let t = tokCache.get(text);
  if (!t) {
    const ids = tokenIds(text);
    t = {
      u: Int32Array.from(ids.filter((i) => i >= NS)),
      b: Int32Array.from(
        bigramKeys(ids)
          .map((k) => bigramRow.get(k) ?? 0)
          .filter((r) => r > 0),
      ),
    };
    tokCache.set(text, t);
  }
  return t;
};

const big = new Float32Array(NB * DIM);
if (METHOD === 'contrastive') {
  const U0 = Float32Array.from(table);
  const TAU = 0.05;
  const BATCH = 128;
  const LR = 0.003;
  const L2_UNI = 0.02; // pull towards the PPMI vectors
  const L2_BIG = 0.002;
  const mU = new Float32Array(table.length);
  const vU = new Float32Array(table.length);
  const mB = new Float32Array(big.length);
  const vB = new Float32Array(big.length);
  const gU = new Float32Array(table.length);
  const gB = new Float32Array(big.length);
  const touchedU = new Uint8Array(NV);
  const touchedB = new Uint8Array(NB);
  const listU: number[] = [];
  const listB: number[] = [];

  // The text an occupation is known by: its name and a random part of its other aliases and words.
  const occText = (i: number, without?: string) => {
    const o = occupations[i];
    const others = shuffle([...o.aliases, ...wordsOf[i].map((x) => x.w)].filter((w) => w !== without && w !== o.name && rnd() < 0.5)).slice(0, 6);
    return [o.name, ...others].join(' ');
  };
  interface Pair {
    anchor: string;
    occ: number;
    positive: string;
    weight: number;
  }
  const epochPairs = (): Pair[] => {
    const pairs: Pair[] = [];
    occupations.forEach((o, i) => {
      for (const a of o.aliases) pairs.push({ anchor: a, occ: i, positive: occText(i, a), weight: 1 });
      for (const { w, weight } of wordsOf[i]) pairs.push({ anchor: w, occ: i, positive: occText(i, w), weight });
      const others = [...o.aliases, ...wordsOf[i].map((x) => x.w)].filter((w) => w !== o.name);
      if (others.length) pairs.push({ anchor: o.name, occ: i, positive: shuffle(others).slice(0, 4).join(' '), weight: 0.5 });
      if (o.aliases.length >= 2) {
        const [a, b] = shuffle([...o.aliases]);
        pairs.push({ anchor: a, occ: i, positive: b, weight: 0.5 });
      }
      if (defClauses[i].length) {
        const k = Math.floor(rnd() * defClauses[i].length);
        pairs.push({ anchor: defClauses[i].slice(k, k + 2).join(' '), occ: i, positive: occText(i), weight: 0.5 });
      }
      if (taskClauses[i].length) pairs.push({ anchor: pick(taskClauses[i]), occ: i, positive: occText(i), weight: 0.5 });
    });
    return shuffle(pairs);
  };

  const encode = (t: Tok, z: Float32Array, off: number): number => {
    for (let d = 0; d < DIM; d++) z[off + d] = 0;
    for (const u of t.u) for (let d = 0; d < DIM; d++) z[off + d] += table[u * DIM + d];
    for (const b of t.b) for (let d = 0; d < DIM; d++) z[off + d] += big[b * DIM + d];
    let n = 0;
    for (let d = 0; d < DIM; d++) n += z[off + d] ** 2;
    n = Math.sqrt(n);
    if (n > 0) for (let d = 0; d < DIM; d++) z[off + d] /= n;
    return n;
  };
  // Gradient with respect to a normalised vector → to the rows of its tokens.
  const backward = (t: Tok, z: Float32Array, off: number, n: number, g: Float32Array) => {
    if (n === 0) return;
    let zg = 0;
    for (let d = 0; d < DIM; d++) zg += z[off + d] * g[d];
    for (let d = 0; d < DIM; d++) g[d] = (g[d] - zg * z[off + d]) / n;
    for (const u of t.u) {
      if (!touchedU[u]) {
        touchedU[u] = 1;
        listU.push(u);
      }
      for (let d = 0; d < DIM; d++) gU[u * DIM + d] += g[d];
    }
    for (const b of t.b) {
      if (!touchedB[b]) {
        touchedB[b] = 1;
        listB.push(b);
      }
      for (let d = 0; d < DIM; d++) gB[b * DIM + d] += g[d];
    }
  };
  let step = 0;
  const adam = (w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, rows: number[], touched: Uint8Array, lr: number, l2: number, ref: Float32Array | null) => {
    const b1 = 0.9,
      b2 = 0.999;
    const c1 = 1 - b1 ** step,
      c2 = 1 - b2 ** step;
    for (const r of rows) {
      for (let d = r * DIM; d < (r + 1) * DIM; d++) {
        const grad = g[d] + l2 * (w[d] - (ref ? ref[d] : 0));
        m[d] = b1 * m[d] + (1 - b1) * grad;
        v[d] = b2 * v[d] + (1 - b2) * grad * grad;
        w[d] -= (lr * (m[d] / c1)) / (Math.sqrt(v[d] / c2) + 1e-8);
        g[d] = 0;
      }
      touched[r] = 0;
    }
    rows.length = 0;
  };

  const HARD = 2;
  const C = BATCH * (1 + HARD);
  const zA = new Float32Array(BATCH * DIM);
  const zC = new Float32Array(C * DIM);
  const nA = new Float32Array(BATCH);
  const nC = new Float32Array(C);
  const gzA = new Float32Array(BATCH * DIM);
  const gzC = new Float32Array(C * DIM);
  const logits = new Float64Array(C);
  const g = new Float32Array(DIM);
  const totalSteps = EPOCHS * Math.ceil(epochPairs().length / BATCH);
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    const pairs = epochPairs();
    let lossSum = 0;
    let weightSum = 0;
    for (let s = 0; s + BATCH <= pairs.length; s += BATCH) {
      step++;
      const batch = pairs.slice(s, s + BATCH);
      const cands: { t: Tok; occ: number }[] = batch.map((p) => ({ t: tok(p.positive), occ: p.occ }));
      for (const p of batch)
        for (let h = 0; h < HARD; h++) {
          const sib = siblings[p.occ].length ? pick(siblings[p.occ]) : Math.floor(rnd() * O);
          cands.push({ t: tok(occText(sib)), occ: sib });
        }
      const anchors = batch.map((p) => tok(p.anchor));
      anchors.forEach((t, i) => {
        nA[i] = encode(t, zA, i * DIM);
      });
      cands.forEach((c, j) => {
        nC[j] = encode(c.t, zC, j * DIM);
      });
      gzA.fill(0);
      gzC.fill(0);
      batch.forEach((p, i) => {
        const same = codesOf.get(p.anchor);
        let max = -Infinity;
        for (let j = 0; j < C; j++) {
          if (j !== i && (cands[j].occ === p.occ || same?.has(cands[j].occ))) {
            logits[j] = -Infinity;
            continue;
          }
          let dot = 0;
          for (let d = 0; d < DIM; d++) dot += zA[i * DIM + d] * zC[j * DIM + d];
          logits[j] = dot / TAU;
          if (logits[j] > max) max = logits[j];
        }
        let sum = 0;
        for (let j = 0; j < C; j++) sum += logits[j] === -Infinity ? 0 : Math.exp(logits[j] - max);
        lossSum += p.weight * (Math.log(sum) + max - logits[i]);
        weightSum += p.weight;
        for (let j = 0; j < C; j++) {
          if (logits[j] === -Infinity) continue;
          const coef = (p.weight * (Math.exp(logits[j] - max) / sum - (j === i ? 1 : 0))) / TAU / BATCH;
          for (let d = 0; d < DIM; d++) {
            gzA[i * DIM + d] += coef * zC[j * DIM + d];
            gzC[j * DIM + d] += coef * zA[i * DIM + d];
          }
        }
      });
      anchors.forEach((t, i) => {
        for (let d = 0; d < DIM; d++) g[d] = gzA[i * DIM + d];
        backward(t, zA, i * DIM, nA[i], g);
      });
      cands.forEach((c, j) => {
        for (let d = 0; d < DIM; d++) g[d] = gzC[j * DIM + d];
        backward(c.t, zC, j * DIM, nC[j], g);
      });
      const lr = LR * Math.max(0.05, 1 - step / totalSteps);
      adam(table, gU, mU, vU, listU, touchedU, lr, L2_UNI, U0);
      if (BIGRAMS) adam(big, gB, mB, vB, listB, touchedB, lr, L2_BIG, null);
      else {
        for (const r of listB) touchedB[r] = 0;
        listB.length = 0;
        gB.fill(0);
      }
    }
    log(`epoch ${epoch + 1}: loss ${(lossSum / weightSum).toFixed(4)} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  }
  for (let r = 0; r < NS; r++) table.fill(0, r * DIM, (r + 1) * DIM);
}

// Export.
fs.mkdirSync(path.join(OUT, 'onnx'), { recursive: true });
const vocabList = [...specials, ...vocab.keys()];
fs.writeFileSync(
  path.join(OUT, 'config.json'),
  JSON.stringify(
    {
      model_type: 'bert',
      architectures: ['BertModel'],
      hidden_size: DIM,
      vocab_size: vocabList.length,
      max_position_embeddings: 512,
      num_attention_heads: 1,
      num_hidden_layers: 0,
      description:
        METHOD === 'ppmi'
          ? 'huishui-char-zh: character PPMI-SVD embeddings trained from CSCO-2022 and the trade lexicon (scripts/train-embeddings.ts)'
          : `huishui-char-zh: character${BIGRAMS ? ' and bigram' : ''} embeddings, PPMI-SVD then contrastive (InfoNCE), trained from CSCO-2022 and the trade lexicon (scripts/train-embeddings.ts)`,
    },
    null,
    2,
  ),
);
fs.writeFileSync(
  path.join(OUT, 'tokenizer_config.json'),
  JSON.stringify(
    { tokenizer_class: 'BertTokenizer', do_lower_case: true, model_max_length: 512, unk_token: '[UNK]', cls_token: '[CLS]', sep_token: '[SEP]', pad_token: '[PAD]' },
    null,
    2,
  ),
);
fs.writeFileSync(
  path.join(OUT, 'tokenizer.json'),
  JSON.stringify({
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: specials.map((t, id) => ({ id, content: t, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': { id: '[CLS]', ids: [2], tokens: ['[CLS]'] }, '[SEP]': { id: '[SEP]', ids: [3], tokens: ['[SEP]'] } },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocabList.map((t, i) => [t, i])) },
  }),
);

const dimParam = (p: string) => ({ dimParam: p });
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;
const int64 = (name: string, xs: (number | bigint)[], dims: number[] = [xs.length]) => ({
  name,
  dims,
  dataType: INT64,
  rawData: new Uint8Array(BigInt64Array.from(xs, (x) => BigInt(x)).buffer),
});
const op = (opType: string, input: string[], output: string, attribute: object[] = []) => ({ opType, input, output: [output], attribute });
const axis0 = [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }];
const initializer: object[] = [{ name: 'table', dims: [vocabList.length, DIM], dataType: FLOAT, rawData: new Uint8Array(table.buffer) }];
let node: object[] = [op('Gather', ['table', 'input_ids'], 'last_hidden_state', axis0)];
if (BIGRAMS) {
  // Bigram ids inside the graph: key = id(t)·|vocab| + id(t+1), looked up in a two-choice (cuckoo)
  // hash table of the known keys; a key the table lacks is row 0, the zero vector.
  const isPrime = (n: number) => {
    for (let d = 2; d * d <= n; d++) if (n % d === 0) return false;
    return n > 1;
  };
  const primeFrom = (n: number) => {
    while (!isPrime(n)) n++;
    return n;
  };
  const H1 = primeFrom(Math.ceil(bigramRow.size * 1.3) + 1);
  const H2 = primeFrom(H1 + 1);
  const MULT = 40503;
  const h1 = (k: number) => k % H1;
  const h2 = (k: number) => (k * MULT) % H2;
  const keys1 = new Array<number>(H1).fill(-1);
  const rows1 = new Array<number>(H1).fill(0);
  const keys2 = new Array<number>(H2).fill(-1);
  const rows2 = new Array<number>(H2).fill(0);
  let dropped = 0;
  for (const [key0, row0] of bigramRow) {
    let key = key0;
    let row = row0;
    for (let kick = 0; kick < 200 && key >= 0; kick++) {
      const t = kick % 2 === 0 ? { k: keys1, r: rows1, at: h1(key) } : { k: keys2, r: rows2, at: h2(key) };
      const [oldKey, oldRow] = [t.k[t.at], t.r[t.at]];
      t.k[t.at] = key;
      t.r[t.at] = row;
      key = oldKey;
      row = oldRow;
    }
    if (key >= 0) {
      dropped++;
      big.fill(0, row * DIM, (row + 1) * DIM);
    }
  }
  if (dropped) log(`${dropped} bigrams found no slot and were dropped`);
  initializer.push(
    { name: 'bigrams', dims: [NB, DIM], dataType: FLOAT, rawData: new Uint8Array(big.buffer) },
    int64('keys1', keys1),
    int64('rows1', rows1),
    int64('keys2', keys2),
    int64('rows2', rows2),
    int64('vocab_size', [vocabList.length], []),
    int64('h1', [H1], []),
    int64('h2', [H2], []),
    int64('mult', [MULT], []),
    int64('zero', [0], []),
    int64('pads', [0, 0, 0, 1]),
    int64('starts', [1]),
    int64('ends', [9223372036854775807n]),
    int64('axes', [1]),
  );
  node = [
    op('Gather', ['table', 'input_ids'], 'unigram', axis0),
    op('Pad', ['input_ids', 'pads'], 'padded'),
    op('Slice', ['padded', 'starts', 'ends', 'axes'], 'next_ids'),
    op('Mul', ['input_ids', 'vocab_size'], 'key_hi'),
    op('Add', ['key_hi', 'next_ids'], 'key'),
    op('Mod', ['key', 'h1'], 'slot1'),
    op('Gather', ['keys1', 'slot1'], 'key1', axis0),
    op('Gather', ['rows1', 'slot1'], 'row1', axis0),
    op('Equal', ['key1', 'key'], 'hit1'),
    op('Mul', ['key', 'mult'], 'key_mult'),
    op('Mod', ['key_mult', 'h2'], 'slot2'),
    op('Gather', ['keys2', 'slot2'], 'key2', axis0),
    op('Gather', ['rows2', 'slot2'], 'row2', axis0),
    op('Equal', ['key2', 'key'], 'hit2'),
    op('Where', ['hit2', 'row2', 'zero'], 'row_or_zero'),
    op('Where', ['hit1', 'row1', 'row_or_zero'], 'row'),
    op('Gather', ['bigrams', 'row'], 'bigram', axis0),
    op('Add', ['unigram', 'bigram'], 'last_hidden_state'),
  ];
}
const model = onnx.ModelProto.create({
  irVersion: 8,
  producerName: 'huishui-jobs',
  opsetImport: [{ domain: '', version: 13 }],
  graph: {
    name: BIGRAMS ? 'char_bigram_embeddings' : 'char_embeddings',
    initializer,
    node,
    input: [
      { name: 'input_ids', type: { tensorType: { elemType: INT64, shape: { dim: [dimParam('batch'), dimParam('sequence')] } } } },
      { name: 'attention_mask', type: { tensorType: { elemType: INT64, shape: { dim: [dimParam('batch'), dimParam('sequence')] } } } },
    ],
    output: [
      {
        name: 'last_hidden_state',
        type: { tensorType: { elemType: FLOAT, shape: { dim: [dimParam('batch'), dimParam('sequence'), { dimValue: DIM }] } } },
      },
    ],
  },
});
fs.writeFileSync(path.join(OUT, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());
log(
  `wrote ${OUT} (${((table.byteLength + (BIGRAMS ? big.byteLength : 0)) / 1e6).toFixed(1)} MB of vectors, ${BIGRAMS ? bigramRow.size : 0} bigrams) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);
