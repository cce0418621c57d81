// The knowledge base over HTTP, as staff keep it: one answer at a time and whole spreadsheets,
// with the rules a worker's old phone sets (50 characters, something to act on), and nobody but
// staff. Also the fair's new "what to bring" field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { apiCall } from '../support/api-call.ts';

let s: TestService;
let staff: string;
let recruiter: string;

const call = (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => apiCall(s.url, token, method, path, body, headers);
const importCsv = (csv: string, token = staff) => call(token, 'POST', '/api/answers/import', csv, { 'content-type': 'text/csv' });

beforeAll(async () => {
  s = await startTestService({ SEED_DEMO: 'false' });
  staff = (await createUser(s.db, { name: '就业局小王', role: 'staff' })).token;
  const employer = await s.db.employer.create({ data: { name: '惠水某厂' } });
  recruiter = (await createUser(s.db, { name: 'HR', role: 'recruiter', employerId: employer.id })).token;
});
afterAll(async () => {
  await s.close();
});

const TRAVEL = { topic: '交通补贴', keywords: ['车费', '路费', '交通补助'], answer: '荔湾区发交通补助，到惠水县就业局申请。' };

describe('answers, one at a time', () => {
  let id: number;

  it('create, list, change, delete; the chat finds the change at once', async () => {
    const created = await call(staff, 'POST', '/api/answers', TRAVEL);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({ topic: '交通补贴', keywords: ['车费', '路费', '交通补助'], answer: TRAVEL.answer, length: 19 });
    id = created.body.id;
    expect((await s.answers.find('车费能报吗'))?.id).toBe(id);

    const list = await call(staff, 'GET', '/api/answers');
    expect(list.body.answers.map((a: any) => a.topic)).toEqual(['交通补贴']);

    const changed = await call(staff, 'PATCH', `/api/answers/${id}`, { keywords: ['车费', '车费', '报销车票'], answer: '到荔湾区劳务协作站申请交通补助。' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ topic: '交通补贴', keywords: ['车费', '报销车票'], answer: '到荔湾区劳务协作站申请交通补助。' });
    expect(await s.answers.find('路费')).toBeNull();
    expect((await s.answers.find('能报销车票吗'))?.answer).toBe('到荔湾区劳务协作站申请交通补助。');

    expect((await call(staff, 'DELETE', `/api/answers/${id}`)).status).toBe(204);
    expect((await call(staff, 'DELETE', `/api/answers/${id}`)).status).toBe(404);
    expect(await s.answers.find('车费能报吗')).toBeNull();
  });

  it('a topic is unique: 409 on create and on renaming onto another', async () => {
    const a = await call(staff, 'POST', '/api/answers', { topic: '欠薪', keywords: ['拖欠工资'], answer: '找荔湾区劳务协作站帮你讨薪。' });
    const b = await call(staff, 'POST', '/api/answers', { topic: '培训', keywords: ['学技术'], answer: '到惠水县就业局报名培训。' });
    expect([a.status, b.status]).toEqual([201, 201]);
    const again = await call(staff, 'POST', '/api/answers', { topic: '欠薪', keywords: [], answer: '到惠水县就业局问。' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatch(/^topic: /);
    expect((await call(staff, 'PATCH', `/api/answers/${b.body.id}`, { topic: '欠薪' })).status).toBe(409);
    expect((await call(staff, 'PATCH', `/api/answers/${a.body.id}`, { topic: '欠薪' })).status).toBe(200); // its own topic
  });

  it('an answer is at most 50 characters, spaces not counted, and says where to go or whom to call', async () => {
    const fifty = `${'补'.repeat(45)}到就业局问`;
    expect((await call(staff, 'POST', '/api/answers', { topic: '五十', keywords: [], answer: fifty })).status).toBe(201);
    const long = await call(staff, 'POST', '/api/answers', { topic: '五十一', keywords: [], answer: `补${fifty}` });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/^answer: .*51/);
    expect((await call(staff, 'POST', '/api/answers', { topic: '空格', keywords: [], answer: `${fifty.split('').join(' ')}` })).status).toBe(201);
    const vague = await call(staff, 'POST', '/api/answers', { topic: '含糊', keywords: [], answer: '有补贴，问问看。' });
    expect(vague.status).toBe(400);
    expect(vague.body.error).toMatch(/^answer: .*phone number/);
    expect((await call(staff, 'POST', '/api/answers', { topic: '电话', keywords: [], answer: '打 0854-6201234 问。' })).status).toBe(201);
    expect(await s.db.programmeAnswer.count({ where: { topic: { in: ['五十一', '含糊'] } } })).toBe(0);
  });

  it('other input is checked field by field', async () => {
    const refused = async (body: unknown, field: string) => {
      const r = await call(staff, 'POST', '/api/answers', body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error).toMatch(new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}`));
    };
    await refused({ topic: '话题太长了超过十二个字的话题', keywords: [], answer: '到就业局问' }, 'topic');
    await refused({ topic: '', keywords: [], answer: '到就业局问' }, 'topic');
    await refused({ topic: '单字', keywords: ['车'], answer: '到就业局问' }, 'keywords[0]');
    await refused({ topic: '类型', keywords: '车费', answer: '到就业局问' }, 'keywords');
    await refused({ topic: '多余', keywords: [], answer: '到就业局问', phone: '123' }, 'unknown field "phone"');
    await refused({ topic: '缺答', keywords: [] }, 'answer');
    await refused({ topic: '控制', keywords: [], answer: '到就业局\u0000问' }, 'answer');
  });
});

describe('import', () => {
  it('upserts by topic; bad rows come back by line with a reason; the same file again changes nothing', async () => {
    const csv = [
      'topic,keywords,answer',
      '返岗专车,返岗、专车专列 坐专车,返岗有专车专列，到惠水县就业局报名。',
      `太长,长,${'长'.repeat(51)}到就业局`,
      '劳务协作站,"劳务站,协作站",荔湾区劳务协作站专帮惠水老乡。',
      '没地方,补贴,有补贴，问问看。',
      '返岗专车,返岗,重复的话题到就业局问。',
      '公益岗,=HYPERLINK("x"),到惠水县就业局问。',
      '',
    ].join('\r\n');
    const r = await importCsv(csv);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      rejected: 4,
      problems: [
        { line: 3, reason: expect.stringMatching(/^keywords: “长” /) },
        { line: 5, reason: expect.stringMatching(/^answer: .*phone number/) },
        { line: 6, reason: expect.stringContaining('第 2 行') },
        { line: 7, reason: expect.stringContaining('公式') },
      ],
    });
    const station = await s.db.programmeAnswer.findUniqueOrThrow({ where: { topic: '劳务协作站' } });
    expect(JSON.parse(station.keywords)).toEqual(['劳务站', '协作站']);
    expect(JSON.parse((await s.db.programmeAnswer.findUniqueOrThrow({ where: { topic: '返岗专车' } })).keywords)).toEqual(['返岗', '专车专列', '坐专车']);

    const again = await importCsv(
      '\uFEFFtopic,keywords,answer\n返岗专车,返岗、专车专列 坐专车,返岗有专车专列，到惠水县就业局报名。\n劳务协作站,劳务站、协作站,荔湾区和潮州市各有一个劳务协作站。\n',
    );
    expect(again.body).toEqual({ created: 0, updated: 1, unchanged: 1, rejected: 0, problems: [] });
    expect((await s.answers.find('协作站在哪'))?.answer).toBe('荔湾区和潮州市各有一个劳务协作站。');
  });

  it('a file that cannot be used is refused as a whole, with a reason', async () => {
    expect(await importCsv('topic,answer\n欠薪,到就业局问\n')).toMatchObject({ status: 400, body: { error: expect.stringContaining('keywords') } });
    expect(await importCsv('')).toMatchObject({ status: 400, body: { error: expect.stringContaining('空') } });
    expect(await importCsv('topic,keywords,answer\n含糊,补贴,问问看\n')).toMatchObject({ status: 422, body: { created: 0, rejected: 1 } });
    const gbk = Buffer.from([0x74, 0x6f, 0x70, 0x69, 0x63, 0x0a, 0xb2, 0xb9, 0xcc, 0xf9]); // "补贴" in GBK
    const res = await fetch(`${s.url}/api/answers/import`, { method: 'POST', headers: { authorization: `Bearer ${staff}`, 'content-type': 'text/csv' }, body: gbk });
    expect(res.status).toBe(415);
    expect((await call(staff, 'POST', '/api/answers/import', { topic: 'x' })).status).toBe(415); // JSON is not a file
  });
});

describe('access and ids', () => {
  const ROUTES: [string, string, unknown?][] = [
    ['GET', '/api/answers'],
    ['POST', '/api/answers', TRAVEL],
    ['PATCH', '/api/answers/1', { answer: '到就业局问' }],
    ['DELETE', '/api/answers/1'],
    ['POST', '/api/answers/import', 'topic,keywords,answer\n'],
  ];

  it('recruiters get 403, and no token 401, on every route; nothing changes', async () => {
    const before = await s.db.programmeAnswer.count();
    for (const [method, path, body] of ROUTES) {
      const headers: Record<string, string> = path.endsWith('import') ? { 'content-type': 'text/csv' } : {};
      const r = await call(recruiter, method, path, body, headers);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error).toContain('staff');
      expect((await call(null, method, path, body, headers)).status, `${method} ${path}`).toBe(401);
    }
    expect(await s.db.programmeAnswer.count()).toBe(before);
  });

  it('ids are plain digits (400 otherwise); an unknown id is 404', async () => {
    for (const id of ['0x10', '1e1', '0', '-1', '01', '2147483648', 'abc']) {
      expect((await call(staff, 'PATCH', `/api/answers/${id}`, { answer: '到就业局问' })).body.error).toMatch(/^id: /);
      expect((await call(staff, 'DELETE', `/api/answers/${id}`)).status).toBe(400);
    }
    expect((await call(staff, 'PATCH', '/api/answers/2147483647', { answer: '到就业局问' })).status).toBe(404);
    expect((await call(staff, 'DELETE', '/api/answers/2147483647')).status).toBe(404);
  });

  it('the routes are in the OpenAPI document, staff only', async () => {
    const doc = (await call(null, 'GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/answers'].post['x-roles']).toEqual(['staff']);
    expect(doc.paths['/api/answers/{id}'].delete).toBeTruthy();
    expect(doc.paths['/api/answers/import'].post.requestBody.content['text/csv']).toBeTruthy();
    expect(doc.paths['/api/answers'].post.requestBody.content['application/json'].schema.properties.topic).toMatchObject({ maxLength: 12 });
  });
});

describe('a fair says what to bring', () => {
  it('is set on create and patch (at most 60 characters) and shown with the fair', async () => {
    const body = { name: '春风送岗招聘会', venue: '惠水县人民广场', startsAt: '2027-02-20T09:00:00+08:00', endsAt: '2027-02-20T16:00:00+08:00', bring: '身份证、简历' };
    const fair = await call(staff, 'POST', '/api/fairs', body);
    expect(fair.status).toBe(201);
    expect(fair.body.bring).toBe('身份证、简历');
    const patched = await call(staff, 'PATCH', `/api/fairs/${fair.body.id}`, { bring: '身份证、简历、有证书带上' });
    expect(patched.body.bring).toBe('身份证、简历、有证书带上');
    expect((await call(staff, 'PATCH', `/api/fairs/${fair.body.id}`, { name: '改名' })).body.bring).toBe('身份证、简历、有证书带上');
    const long = await call(staff, 'PATCH', `/api/fairs/${fair.body.id}`, { bring: '证'.repeat(61) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/^bring: /);
    expect((await call(staff, 'GET', `/api/fairs/${fair.body.id}`)).body.bring).toBe('身份证、简历、有证书带上');
  });
});
