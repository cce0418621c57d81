// npm run import -- FILE [--format csv|jsonl]
// Imports a job fair's posting list into the database named by DATABASE_URL, with a progress
// bar; prints what was created, updated, unchanged and which lines were refused and why.
// A running server picks the new postings up within a minute.
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../app/config.ts';
import { TransformersEmbedder } from '../matching/embed/embedder.ts';
import { Gazetteer } from '../matching/geo.ts';
import { TradeLexicon } from '../matching/parse/occupation.ts';
import { PostingReader } from '../matching/reader.ts';
import { importPostings } from '../postings/import.ts';
import { ImportFileError, kindOf, parseImportFile } from '../postings/parse-file.ts';
import { migrate, openDb } from '../prisma/db.ts';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { format: { type: 'string' } } });
const file = positionals[0];
if (!file) {
  console.error('usage: npm run import -- FILE.csv|FILE.jsonl [--format csv|jsonl]');
  process.exit(2);
}
const kind = kindOf(values.format ?? file);
if (!kind) {
  console.error(`${file}: say --format csv or --format jsonl`);
  process.exit(2);
}
let parsed: ReturnType<typeof parseImportFile>;
try {
  parsed = parseImportFile(new Uint8Array(fs.readFileSync(file)), kind);
} catch (e) {
  if (e instanceof ImportFileError) {
    console.error(e.message);
    process.exit(1);
  }
  throw e;
}
const config = loadConfigOrExit();
const db = await openDb(config.databaseUrl);
await migrate(db);
const embedder = await TransformersEmbedder.load(config.embedding);
const reader = new PostingReader(Gazetteer.load(), TradeLexicon.load(), embedder);

const bar = (done: number, total: number) => {
  const width = 30;
  const filled = total ? Math.round((done / total) * width) : width;
  process.stderr.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
};
const report = await importPostings(db, reader, parsed.rows, bar);
process.stderr.write('\n');
await db.$disconnect();
const problems = [...parsed.problems, ...report.problems].sort((a, b) => a.line - b.line);
console.log(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, refused ${problems.length}`);
for (const p of problems) console.log(`  line ${p.line}: ${p.reason}`);
process.exit(problems.length && !(report.created + report.updated + report.unchanged) ? 1 : 0);
