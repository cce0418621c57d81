// The index catches up with postings written by other processes through the change sequence,
// not through timestamps: a row whose clock stamp is older than the last refresh is still read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lastPostingChange } from '../../postings/changes.ts';
import { importPostings } from '../../postings/import.ts';
import { JobIndex } from '../../postings/job-index.ts';
import { freshDb, type TestDb } from '../support/db.ts';
import { understanding } from '../support/understanding.ts';

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(async () => {
  await t.cleanup();
});

const posting = (id: string, title: string) => ({ id, employer: '惠水某厂', title, location: '贵州省黔南州惠水县', wage_text: '4000-5000元/月' });

describe('job index refresh', () => {
  it('picks up a posting written elsewhere even when its timestamps are older than the last refresh', async () => {
    const u = await understanding();
    await importPostings(t.db, u.reader, [{ line: 1, value: posting('seq-1', '电焊工') }]);
    const jobs = await JobIndex.load(t.db, u);
    expect(jobs.size).toBe(1);
    expect(await jobs.refresh()).toEqual({ changed: [], created: [] });

    // Another process (its clock an hour behind) imports a posting: stamped in the past.
    const before = await lastPostingChange(t.db);
    await importPostings(t.db, u.reader, [{ line: 1, value: posting('seq-2', '保洁员') }]);
    const row = await t.db.posting.findUniqueOrThrow({ where: { externalId: 'seq-2' } });
    await t.db.posting.update({ where: { id: row.id }, data: { createdAt: new Date(0), updatedAt: new Date(0) } });
    expect(row.changeSeq).toBeGreaterThan(before);

    const { changed, created } = await jobs.refresh();
    expect(changed).toEqual([row.id]);
    expect(created).toEqual([row.id]);
    expect(jobs.posting(row.id)?.title).toBe('保洁员');
    // Seen once: the next refresh has nothing new.
    expect(await jobs.refresh()).toEqual({ changed: [], created: [] });
  });

  it('takes in an edit and a closing as changes, not as new postings', async () => {
    const u = await understanding();
    const jobs = await JobIndex.load(t.db, u);
    const r = await importPostings(t.db, u.reader, [{ line: 1, value: { ...posting('seq-1', '电焊工'), wage_text: '6000-8000元/月' } }]);
    expect(r.updated).toBe(1);
    const id = r.rows[0].id;
    expect(await jobs.refresh()).toEqual({ changed: [id], created: [] });
    expect(jobs.posting(id)?.wageText).toBe('6000-8000元/月');
  });
});
