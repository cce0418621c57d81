// The project's own embedding model, loaded through the transformers.js pipeline from the files
// the project ships, and rebuilt bit for bit by its training script (the full retrain only with
// EMBED_REBUILD=1; a short run checks determinism every time).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.ts';
import { cosine, type Embedder, TransformersEmbedder } from '../../matching/embed/embedder.ts';
import { Matcher } from '../../matching/index.ts';
import type { RawPosting } from '../../matching/types.ts';
import { JobIndex } from '../../postings/job-index.ts';
import { seedDemo } from '../../prisma/seed.ts';
import { freshDb } from '../support/db.ts';
import { readPostings } from '../support/dev-eval.ts';
import { understanding } from '../support/understanding.ts';

let e: TransformersEmbedder;
beforeAll(async () => {
  e = await TransformersEmbedder.load();
});

const MODEL = 'matching/models/huishui-char-zh';
const train = (out: string, ...args: string[]) =>
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/train-embeddings.ts', '--out', out, '--quiet', ...args], { stdio: 'pipe' });
const files = ['onnx/model.onnx', 'tokenizer.json', 'config.json', 'tokenizer_config.json'];

describe('embedding model', () => {
  it('loads from disk through the feature-extraction pipeline', () => {
    expect(e.id).toMatch(/^huishui-char-zh@[0-9a-f]{8}$/);
    expect(e.dim).toBe(64);
    expect(fs.statSync(path.join(MODEL, 'onnx/model.onnx')).size).toBeLessThan(10e6);
  });

  it('gives unit vectors that put words of one trade closer than words of another', async () => {
    const [weld, weld2, clean, clean2, cook] = await e.embed(['焊工', '电焊工 不锈钢', '保洁员', '打扫卫生', '炒菜师傅']);
    expect(cosine(weld, weld)).toBeCloseTo(1, 5);
    expect(cosine(weld, weld2)).toBeGreaterThan(cosine(weld, clean) + 0.3);
    expect(cosine(clean, clean2)).toBeGreaterThan(cosine(clean, cook));
  });

  it('puts phrases of one trade nearer each other than phrases of unrelated trades (phrases written for this test)', async () => {
    // [phrase, a phrase of the same trade, a phrase of an unrelated trade]
    const triples = [
      ['在工地焊钢架', '会用焊机接铁管', '给老人喂饭擦身'],
      ['每天开大车拉砂石', '跑长途运货', '在家里绣花'],
      ['酒店里打扫房间换床单', '商场里拖地擦玻璃', '修理汽车发动机'],
      ['饭店后厨炒菜掌勺', '给工地食堂做饭菜', '在仓库里开叉车'],
      ['帮人家照看婴儿', '给小宝宝冲奶粉换尿布', '砌砖抹墙'],
      ['山上采茶叶', '去茶园摘茶', '超市里收钱'],
    ];
    for (const [a, b, c] of triples) {
      const [va, vb, vc] = await e.embed([a, b, c]);
      expect(cosine(va, vb), `${a} ~ ${b} vs ${c}`).toBeGreaterThan(cosine(va, vc));
    }
  });

  it('adds the vector of each known character bigram inside the graph', async () => {
    // The graph's own tables: characters, bigrams, and the two-choice hash table of bigram keys.
    const { onnx } = onnxProto;
    const graph = onnx.ModelProto.decode(fs.readFileSync(path.join(MODEL, 'onnx/model.onnx'))).graph!;
    const init = new Map(graph.initializer!.map((t) => [t.name!, t]));
    const floats = (n: string) => {
      const r = init.get(n)!.rawData!;
      return new Float32Array(r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength));
    };
    const ints = (n: string) => {
      const r = init.get(n)!.rawData!;
      return Array.from(new BigInt64Array(r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength)), Number);
    };
    const [table, bigrams] = [floats('table'), floats('bigrams')];
    const [keys1, rows1, keys2, rows2] = ['keys1', 'rows1', 'keys2', 'rows2'].map(ints);
    const [vocabSize, h1, h2, mult] = ['vocab_size', 'h1', 'h2', 'mult'].map((n) => ints(n)[0]);
    const vocab = JSON.parse(fs.readFileSync(path.join(MODEL, 'tokenizer.json'), 'utf8')).model.vocab as Record<string, number>;
    const expected = (text: string) => {
      const ids = [...text].filter((c) => c.trim()).map((c) => vocab[c] ?? 1);
      const s = new Float32Array(64);
      ids.forEach((id, i) => {
        for (let d = 0; d < 64; d++) s[d] += table[id * 64 + d];
        if (i + 1 === ids.length) return;
        const key = id * vocabSize + ids[i + 1];
        const row = keys1[key % h1] === key ? rows1[key % h1] : keys2[(key * mult) % h2] === key ? rows2[(key * mult) % h2] : 0;
        for (let d = 0; d < 64; d++) s[d] += bigrams[row * 64 + d];
      });
      const n = Math.hypot(...s);
      return s.map((x) => x / n);
    };
    let bigramsSeen = 0;
    for (const text of ['焊工', '电焊 工', '会揉面蒸东西', '在饭店洗碗', '照顾老人']) {
      const [v] = await e.embed([text]);
      const want = expected(text);
      for (let d = 0; d < 64; d++) expect(v[d]).toBeCloseTo(want[d], 4);
      const unigramsOnly = expected([...text].join('\u0000'));
      if (cosine(Float32Array.from(want), Float32Array.from(unigramsOnly)) < 0.999) bigramsSeen++;
    }
    expect(bigramsSeen).toBeGreaterThan(3); // the bigrams change the vectors
  });

  it('trains deterministically (a short run, twice)', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'model-'));
    try {
      train(path.join(tmp, 'a'), '--epochs', '1', '--max-bigrams', '3000');
      train(path.join(tmp, 'b'), '--epochs', '1', '--max-bigrams', '3000');
      for (const f of files) expect(fs.readFileSync(path.join(tmp, 'a', f)).equals(fs.readFileSync(path.join(tmp, 'b', f))), f).toBe(true);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  }, 60_000);

  // The full retrain takes a minute or two: only when asked (EMBED_REBUILD=1).
  it.runIf(process.env.EMBED_REBUILD === '1')(
    'is rebuilt identically by scripts/train-embeddings.ts',
    () => {
      const out = fs.mkdtempSync(path.join(os.tmpdir(), 'model-'));
      try {
        train(out);
        for (const f of files) expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(MODEL, f))), f).toBe(true);
      } finally {
        fs.rmSync(out, { recursive: true, force: true });
      }
    },
    300_000,
  );
});

describe('the matcher with embeddings', () => {
  it('finds a trade by meaning when no word names one, and only through the model', async () => {
    const postings = readPostings<RawPosting>();
    const pastry = async (embedder: Embedder | null) => {
      const m = await Matcher.fromPostings(postings, { embedder });
      expect(m.understand({ text: '会揉面蒸东西' }).trades).toEqual([]); // no word names the trade
      const r = await m.search({ text: '会揉面蒸东西' }, { top: 3 });
      return r.filter((x) => m.featuresOf(x.postingId)?.occupation?.name === '中式面点师').length;
    };
    expect(await pastry(e)).toBe(3);
    // Without the model, or with a model that says nothing, the meaning is not found.
    expect(await pastry(null)).toBe(0);
    expect(await pastry({ id: 'zeros', dim: e.dim, embed: async (texts: string[]) => texts.map(() => new Float32Array(e.dim)) })).toBe(0);
  });

  it('stores posting vectors once and reuses them at the next start', async () => {
    const t = await freshDb();
    try {
      const u = await understanding();
      await seedDemo(t.db, u.reader, new FakeClock(new Date('2026-12-01T00:00:00Z')));
      const stored = await t.db.posting.findFirstOrThrow();
      expect(stored.embeddingModel).toBe(e.id);
      expect(stored.embedding!.length).toBe(64 * 4);
      let calls = 0;
      const counting = {
        id: e.id,
        dim: e.dim,
        embed: async (texts: string[]) => {
          calls += texts.length;
          return e.embed(texts);
        },
      };
      await JobIndex.load(t.db, { ...u, embedder: counting });
      expect(calls).toBeLessThan(2000); // occupation vectors only (1,634), no posting re-embedded
      const before = calls;
      await JobIndex.load(t.db, { ...u, embedder: { ...counting, id: 'another-model' } });
      expect(calls - before).toBeGreaterThanOrEqual(407); // a different model recomputes them
      expect((await t.db.posting.findFirstOrThrow()).embeddingModel).toBe('another-model');
    } finally {
      await t.cleanup();
    }
  });
});
