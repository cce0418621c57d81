// npm run eval [-- --set DIR]: scores the matcher on the judged development set beside the
// project (../shared/eval by default) with that set's own scorer. A regression check, not a
// target: the tests carry a copy of the set (test/fixtures/dev-eval); this reads the original.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { set: { type: 'string', default: path.join('..', 'shared', 'eval') } } });
const dir = path.resolve(values.set!);
const need = ['postings.jsonl', 'queries_dev_input.jsonl', 'qrels_dev.tsv', 'score.mjs'];
const missing = need.filter((f) => !fs.existsSync(path.join(dir, f)));
if (missing.length) {
  console.error(`No development set at ${dir} (missing ${missing.join(', ')}).`);
  console.error("It lives beside the project in the programme's shared folder; pass another with --set DIR.");
  process.exit(2);
}
const run = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eval-')), 'run.jsonl');
const out = execFileSync(
  process.execPath,
  ['--import', 'tsx', 'matching/cli.ts', '--postings', path.join(dir, 'postings.jsonl'), '--queries', path.join(dir, 'queries_dev_input.jsonl'), '--top', '10'],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  },
);
fs.writeFileSync(run, out);
const args = ['--qrels', path.join(dir, 'qrels_dev.tsv'), '--run', run];
if (fs.existsSync(path.join(dir, 'queries_dev.jsonl'))) args.push('--queries', path.join(dir, 'queries_dev.jsonl'));
process.stdout.write(execFileSync(process.execPath, [path.join(dir, 'score.mjs'), ...args]));
