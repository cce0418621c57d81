// npm run eval:embeddings [-- --methods ppmi,contrastive-unigram,contrastive] [--holdout 15] [--epochs N]
// Intrinsic check of the embedding model: held-out alias retrieval. About --holdout % of the
// classification's aliases (by hash, scripts/embedding-data.ts) are left out of training (and
// lexicon words equal to them); each method is trained without them into a temporary folder and
// loaded through the project's TransformersEmbedder. For each held-out alias, every occupation is
// ranked by cosine to its name and training aliases; reported: top-1 and top-5 accuracy.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cosine, TransformersEmbedder } from '../matching/embed/embedder.ts';
import { trainingData } from './embedding-data.ts';

const { values } = parseArgs({
  options: {
    methods: { type: 'string', default: 'ppmi,contrastive-unigram,contrastive' },
    holdout: { type: 'string', default: '15' },
    epochs: { type: 'string' },
  },
});
const { occupations, heldOut } = trainingData(Number(values.holdout));
const occTexts = occupations.map((o) => [o.name, ...o.aliases].join(' ').slice(0, 200));
const gold = heldOut.map((h) => occupations.findIndex((o) => o.code === h.code));
console.log(`${heldOut.length} held-out aliases (${values.holdout}%), ${occupations.length} occupations`);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'eval-embeddings-'));
try {
  for (const method of values.methods!.split(',')) {
    const args = ['--method', method.startsWith('contrastive') ? 'contrastive' : method, '--holdout', values.holdout!, '--out', path.join(tmp, method), '--quiet'];
    if (method === 'contrastive-unigram') args.push('--no-bigrams');
    if (values.epochs && method !== 'ppmi') args.push('--epochs', values.epochs);
    const started = performance.now();
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/train-embeddings.ts', ...args], { stdio: 'inherit' });
    const seconds = (performance.now() - started) / 1000;
    const e = await TransformersEmbedder.load({ modelDir: tmp, model: method });
    const occ = await e.embed(occTexts);
    const queries = await e.embed(heldOut.map((h) => h.alias));
    let top1 = 0;
    let top5 = 0;
    queries.forEach((q, i) => {
      const mine = cosine(q, occ[gold[i]]);
      const better = occ.filter((v, j) => j !== gold[i] && cosine(q, v) > mine).length;
      if (better < 1) top1++;
      if (better < 5) top5++;
    });
    const pct = (n: number) => ((100 * n) / queries.length).toFixed(1);
    console.log(`${method.padEnd(20)} top-1 ${pct(top1)}%  top-5 ${pct(top5)}%  (trained in ${seconds.toFixed(0)} s)`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
