// POST /api/postings/import with the CSV files staff actually send: a stray quote, ragged rows,
// BOM and CRLF. Whatever is not imported comes back by line; a file that yields nothing is a 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { startTestService, type TestService } from '../support/service.ts';

let s: TestService;
let staff: string;

const importCsv = async (body: string) => {
  const res = await fetch(`${s.url}/api/postings/import`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'text/csv' }, body });
  return { status: res.status, body: await res.json() };
};
const stored = async (...ids: string[]) => (await s.db.posting.findMany({ where: { externalId: { in: ids } }, orderBy: { externalId: 'asc' } })).map((p) => p.externalId);

beforeAll(async () => {
  s = await startTestService({ SEED_DEMO: 'false' });
  staff = (await createUser(s.db, { name: '就业局小王', role: 'staff' })).token;
});
afterAll(async () => {
  await s.close();
});

describe('CSV import over HTTP', () => {
  it('a stray quote in a 3-row file: the row before it is imported, lines 3–4 are reported, nothing silently', async () => {
    const r = await importCsv('id,employer,title,location\nQ1,惠水某厂,包装工,惠水县\nQ2,惠水某厂,"叉车司机,惠水县\nQ3,惠水某厂,仓管员,惠水县\n');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ created: 1, updated: 0, unchanged: 0, rejected: 1, problems: [{ line: 3, reason: expect.stringContaining('第 3–4 行都没有导入') }] });
    expect(await stored('Q1', 'Q2', 'Q3')).toEqual(['Q1']);

    // Fixed and sent again: the kept row is unchanged, the others arrive.
    const fixed = await importCsv('id,employer,title,location\nQ1,惠水某厂,包装工,惠水县\nQ2,惠水某厂,"叉车司机",惠水县\nQ3,惠水某厂,仓管员,惠水县\n');
    expect(fixed.body).toMatchObject({ created: 2, unchanged: 1, rejected: 0 });
  });

  it('a stray quote in the first row: 422 naming line 2, nothing imported', async () => {
    const r = await importCsv('id,employer,title\nQ4,惠水某厂,"包装工\nQ5,惠水某厂,叉车司机\nQ6,惠水某厂,仓管员\n');
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ created: 0, rejected: 1, problems: [{ line: 2, reason: expect.stringContaining('引号') }] });
    expect(await stored('Q4', 'Q5', 'Q6')).toEqual([]);
  });

  it('BOM, CRLF, a quoted line break and ragged rows: good rows in, ragged ones reported by line', async () => {
    const r = await importCsv(
      '\uFEFFid,employer,title,description\r\nR1,惠水某厂,包装工,"包吃住\r\n长白班"\r\nR2,惠水某厂,叉车,夜班,多一格\r\n\r\nR3,惠水某厂\r\nR4,惠水某厂,仓管员,\r\n',
    );
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ created: 2, rejected: 2, problems: [{ line: 4 }, { line: 6 }] });
    const r1 = await s.db.posting.findUnique({ where: { externalId: 'R1' } });
    expect(r1?.description).toBe('包吃住\n长白班');
  });

  it('an empty file and a header alone are refused with a reason', async () => {
    expect(await importCsv('')).toEqual({ status: 400, body: { error: expect.stringContaining('空') } });
    expect(await importCsv('id,employer,title\r\n')).toEqual({ status: 400, body: { error: expect.stringContaining('只有表头') } });
  });
});
