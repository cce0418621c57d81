// The project's own embedding model, loaded through the transformers.js pipeline from the files
// the project ships, and rebuilt bit for bit by its training script.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
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

describe('embedding model', () => {
  it('loads from disk through the feature-extraction pipeline', () => {
    expect(e.id).toMatch(/^huishui-char-zh@[0-9a-f]{8}$/);
    expect(e.dim).toBe(64);
  });

  it('gives unit vectors that put words of one trade closer than words of another', async () => {
    const [weld, weld2, clean, clean2, cook] = await e.embed(['焊工', '电焊工 不锈钢', '保洁员', '打扫卫生', '炒菜师傅']);
    expect(cosine(weld, weld)).toBeCloseTo(1, 5);
    expect(cosine(weld, weld2)).toBeGreaterThan(cosine(weld, clean) + 0.3);
    expect(cosine(clean, clean2)).toBeGreaterThan(cosine(clean, cook));
  });

  it('is rebuilt identically by scripts/train-embeddings.ts', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'model-'));
    try {
      execFileSync(process.execPath, ['--import', 'tsx', 'scripts/train-embeddings.ts', '--out', out], { stdio: 'pipe' });
      for (const f of ['onnx/model.onnx', 'tokenizer.json', 'config.json']) {
        expect(fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join('matching/models/huishui-char-zh', f))), f).toBe(true);
      }
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
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
