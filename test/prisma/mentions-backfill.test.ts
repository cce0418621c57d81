// The migration that added OutboundMention also fills it from recruiter notices written before it
// (their payload lists the interests they quote), so a worker's deletion finds those too. The
// statement runs here against a real database of the provider under test.
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { providerOf } from '../../prisma/db.ts';
import { freshDb, type TestDb } from '../support/db.ts';

const NAME = '20261203040000_privacy_mentions_verification';
let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(async () => {
  await t.cleanup();
});

it('links old recruiter notices to the workers they quote', async () => {
  const pg = providerOf(process.env.TEST_DATABASE_URL ?? 'file:') === 'postgresql';
  const sql = fs.readFileSync(`prisma/${pg ? 'postgres/' : ''}migrations/${NAME}/migration.sql`, 'utf8');
  const backfill = sql
    .slice(sql.indexOf('-- Recruiter notices written before'))
    .replace(/^--.*$/m, '')
    .trim()
    .replace(/;$/, '');
  const { db } = t;
  const employer = await db.employer.create({ data: { name: '某厂' } });
  const posting = await db.posting.create({ data: { externalId: 'B1', employerId: employer.id, title: '焊工' } });
  const [a, b] = [await db.worker.create({ data: { phone: '+8613900000001' } }), await db.worker.create({ data: {} })];
  const ia = await db.interest.create({ data: { workerId: a.id, postingId: posting.id } });
  const ib = await db.interest.create({ data: { workerId: b.id, postingId: posting.id } });
  const notice = (key: string, payload: string, topic: string | null = 'recruiter:1') =>
    db.outboundMessage.create({ data: { idempotencyKey: key, channel: 'telegram', recipient: '1', body: 'x', payload, kind: 'digest', topic } });
  const both = await notice('n1', JSON.stringify({ interestIds: [ia.id, ib.id] }));
  await notice('n2', '{}'); // a notice blanked by an older deletion
  await notice('n3', JSON.stringify({ interestIds: [ia.id] }), null); // not a recruiter notice
  await db.$executeRawUnsafe(backfill);
  await db.$executeRawUnsafe(backfill); // and again: nothing doubles
  const rows = await db.outboundMention.findMany({ orderBy: { interestId: 'asc' } });
  expect(rows).toEqual([
    { messageId: both.id, interestId: ia.id, workerId: a.id },
    { messageId: both.id, interestId: ib.id, workerId: b.id },
  ]);
});
