// Trains the project's own small Chinese embedding model from the occupation classification
// (names, aliases, definitions, tasks) and the trade lexicon, and exports it in the layout
// transformers.js loads: config.json, tokenizer.json (BERT WordPiece, one token per Chinese
// character), tokenizer_config.json, onnx/model.onnx.
//
// Method: a character × occupation co-occurrence matrix, weighted by positive pointwise mutual
// information, factorised by a truncated SVD; a character's vector is its row of U·√S. The ONNX
// graph is a Gather over that table producing last_hidden_state; the pipeline's mean pooling and
// normalisation turn it into a text vector. Deterministic: a fixed seed, no threads.
//   npx tsx scripts/train-embeddings.ts [--dim 64] [--out matching/models/huishui-char-zh]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import onnxProto from 'onnx-proto';
import { lexiconTerms } from '../matching/data/lexicon.ts';

const { onnx } = onnxProto;
const { values } = parseArgs({ options: { dim: { type: 'string', default: '64' }, out: { type: 'string', default: 'matching/models/huishui-char-zh' } } });
const DIM = Number(values.dim);
const OUT = values.out!;

interface Occ {
  code: string;
  name: string;
  aliases: string[];
  definition: string;
  tasks: string;
}
const occupations = JSON.parse(fs.readFileSync('matching/data/occupations.json', 'utf8')) as Occ[];
const lexicon = lexiconTerms();

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
console.error(`vocabulary ${V} characters, ${O} occupations, ${DIM} dimensions`);

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
      description: 'huishui-char-zh: character PPMI-SVD embeddings trained from CSCO-2022 and the trade lexicon (scripts/train-embeddings.ts)',
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
const model = onnx.ModelProto.create({
  irVersion: 8,
  producerName: 'huishui-jobs',
  opsetImport: [{ domain: '', version: 13 }],
  graph: {
    name: 'char_embeddings',
    initializer: [{ name: 'table', dims: [vocabList.length, DIM], dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(table.buffer) }],
    node: [{ opType: 'Gather', input: ['table', 'input_ids'], output: ['last_hidden_state'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] }],
    input: [
      { name: 'input_ids', type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [dimParam('batch'), dimParam('sequence')] } } } },
      { name: 'attention_mask', type: { tensorType: { elemType: onnx.TensorProto.DataType.INT64, shape: { dim: [dimParam('batch'), dimParam('sequence')] } } } },
    ],
    output: [
      {
        name: 'last_hidden_state',
        type: { tensorType: { elemType: onnx.TensorProto.DataType.FLOAT, shape: { dim: [dimParam('batch'), dimParam('sequence'), { dimValue: DIM }] } } },
      },
    ],
  },
});
fs.writeFileSync(path.join(OUT, 'onnx', 'model.onnx'), onnx.ModelProto.encode(model).finish());
console.error(`wrote ${OUT} (${(table.byteLength / 1e6).toFixed(1)} MB of vectors)`);
