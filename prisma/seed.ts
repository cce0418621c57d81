// Demo data for a first start: the 407 synthetic postings of the development set (惠水 and
// Guangdong employers), an upcoming job fair with some of them and a bus from each town, and the
// programme's knowledge base as written from a news report (staff replace it with current facts).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importAnswers, parseAnswersCsv } from '../knowledge/import.ts';
import type { Clock } from '../lib/clock.ts';
import type { PostingReader } from '../matching/reader.ts';
import { importPostings } from '../postings/import.ts';
import type { Db } from './db.ts';

const SEED_POSTINGS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seed', 'postings.jsonl');
const SEED_ANSWERS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'seed', 'programme-answers.csv');

/** Fills an empty store; does nothing when postings already exist. */
export async function seedDemo(db: Db, reader: PostingReader, clock: Clock): Promise<boolean> {
  if ((await db.posting.count()) > 0) return false;
  const lines = fs.readFileSync(SEED_POSTINGS, 'utf8').split('\n');
  const rows = lines
    .map((l, i) => ({ line: i + 1, text: l }))
    .filter((r) => r.text.trim())
    .map((r) => ({ line: r.line, value: JSON.parse(r.text) }));
  await importPostings(db, reader, rows);

  // A fair two weeks ahead, 09:00–16:00 Beijing time, in the county seat.
  const day = new Date(clock.now().getTime() + 14 * 86400_000);
  const ymd = day.toISOString().slice(0, 10);
  const fairPostings = await db.posting.findMany({ where: { OR: [{ city: '广州市' }, { county: '惠水县' }] }, select: { id: true }, take: 120 });
  await db.jobFair.create({
    data: {
      name: '惠水—荔湾劳务协作专场招聘会',
      venue: '惠水县人力资源市场（涟江街道）',
      startsAt: new Date(`${ymd}T01:00:00Z`),
      endsAt: new Date(`${ymd}T08:00:00Z`),
      organiser: '惠水县就业局、广州市荔湾区人社局',
      bring: '身份证、简历、有证书带上',
      postings: { create: fairPostings.map((p) => ({ postingId: p.id })) },
      buses: {
        create: ['好花红镇', '摆金镇', '断杉镇', '王佑镇'].map((place) => ({ place, departsAt: new Date(`${ymd}T00:00:00Z`) })),
      },
    },
  });
  const answers = parseAnswersCsv(new Uint8Array(fs.readFileSync(SEED_ANSWERS)));
  await importAnswers(db, answers.rows, answers.problems);
  return true;
}
