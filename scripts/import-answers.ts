// npm run import:answers -- FILE.csv
// Imports the programme's knowledge base (columns topic, keywords, answer) into the database named
// by DATABASE_URL, upserting by topic; prints what was created, updated, unchanged and which lines
// were refused and why. A running server sees the change at the next question (knowledge/answers.ts).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from '../app/config.ts';
import { importAnswers, parseAnswersCsv } from '../knowledge/import.ts';
import { ImportFileError } from '../postings/parse-file.ts';
import { migrate, openDb } from '../prisma/db.ts';

const { positionals } = parseArgs({ allowPositionals: true });
const file = positionals[0];
if (!file) {
  console.error('usage: npm run import:answers -- FILE.csv   (columns topic,keywords,answer)');
  process.exit(2);
}
let parsed: ReturnType<typeof parseAnswersCsv>;
try {
  parsed = parseAnswersCsv(new Uint8Array(fs.readFileSync(file)));
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
const report = await importAnswers(db, parsed.rows, parsed.problems);
await db.$disconnect();
console.log(`created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, refused ${report.rejected}`);
for (const p of report.problems) console.log(`  line ${p.line}: ${p.reason}`);
process.exit(report.rejected && !(report.created + report.updated + report.unchanged) ? 1 : 0);
