// What an attacker (or a careless client) sends the API: ids beyond what the database holds or
// written as hex, broken Unicode, objects where text belongs, impossible dates, unknown fields,
// the wrong media type, and tokens in the wrong place. Each gets a 4xx naming the field and
// changes nothing. Also: fairs are staff business, and a recruiter learns nothing of other
// employers' posting ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { type ApiReply, apiCall } from '../support/api-call.ts';

let s: TestService;
let staff: string;
let recruiterA: string; // 惠水某厂
let recruiterB: string; // 龙里某公司
let fairId: number;
const START = '2026-12-14T09:00:00+08:00';
const END = '2026-12-14T16:00:00+08:00';

const call = (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => apiCall(s.url, token, method, path, body, headers);

beforeAll(async () => {
  s = await startTestService({ SEED_DEMO: 'false' });
  staff = (await createUser(s.db, { name: '就业局', role: 'staff' })).token;
  // 20 postings, so that "0x10" (16) and "1e1" (10) would name real ones if read loosely.
  const rows = Array.from({ length: 20 }, (_, i) => `V${i + 1},${i < 10 ? '惠水某厂' : '龙里某公司'},包装工${i + 1},惠水县,3500`);
  const imported = await call(staff, 'POST', '/api/postings/import', `id,employer,title,location,wage_text\n${rows.join('\n')}\n`, { 'content-type': 'text/csv' });
  expect(imported.body.created).toBe(20);
  const a = await s.db.employer.findUniqueOrThrow({ where: { name: '惠水某厂' } });
  const b = await s.db.employer.findUniqueOrThrow({ where: { name: '龙里某公司' } });
  recruiterA = (await createUser(s.db, { name: 'A厂HR', role: 'recruiter', employerId: a.id })).token;
  recruiterB = (await createUser(s.db, { name: 'B公司HR', role: 'recruiter', employerId: b.id })).token;
  const fair = await call(staff, 'POST', '/api/fairs', { name: '冬季招聘会', venue: '人力资源市场', startsAt: START, endsAt: END, postingIds: [1, 2] });
  expect(fair.status).toBe(201);
  fairId = fair.body.id;
});
afterAll(async () => {
  await s.close();
});

const refused = (r: ApiReply, status: number, field: string) => {
  expect(r.status, JSON.stringify(r.body)).toBe(status);
  expect(r.body.error).toContain(field);
};

describe('ids', () => {
  const BAD = ['1e20', '0x10', '1e1', '%201', '1%20', '+1', '01', '0', '-1', '1.0', '2147483648', '99999999999', 'abc'];
  const ROUTES: [string, (id: string) => string, unknown?][] = [
    ['GET', (id) => `/api/postings/${id}`],
    ['PATCH', (id) => `/api/postings/${id}`, { title: '焊工' }],
    ['POST', (id) => `/api/postings/${id}/close`],
    ['GET', (id) => `/api/postings/${id}/candidates`],
    ['PATCH', (id) => `/api/interests/${id}`, { status: 'hired' }],
    ['GET', (id) => `/api/fairs/${id}`],
    ['PATCH', (id) => `/api/fairs/${id}`, { name: '新名字' }],
    ['GET', (id) => `/api/fairs/${id}/stats`],
    ['POST', (id) => `/api/fairs/${id}/cancel`],
  ];

  it('an id that is not plain digits within the database Int range is a 400 naming "id", on every route', async () => {
    for (const [method, path, body] of ROUTES) {
      for (const id of BAD) refused(await call(staff, method, path(id), body), 400, 'id');
    }
  });

  it('the largest Int is a well-formed id: 404, not a crash', async () => {
    for (const [method, path, body] of ROUTES.filter(([, p]) => !p('1').startsWith('/api/interests'))) {
      expect((await call(staff, method, path('2147483647'), body)).status).toBe(404);
    }
    expect((await call(staff, 'PATCH', '/api/interests/2147483647', { status: 'hired' })).status).toBe(404);
  });

  it('"0x10" neither reads nor closes posting 16', async () => {
    await call(staff, 'POST', '/api/postings/0x10/close');
    await call(recruiterB, 'POST', '/api/postings/0x10/close');
    expect((await s.db.posting.findUniqueOrThrow({ where: { id: 16 } })).status).toBe('open');
    expect((await call(staff, 'GET', '/api/postings/16')).body.title).toBe('包装工16');
  });

  it('offset and limit are plain digits in range; unknown query parameters are refused', async () => {
    for (const q of ['offset=1e20', 'offset=-1', 'offset=0x10', 'offset=2147483648', 'limit=0', 'limit=1e2', 'limit=201']) {
      refused(await call(staff, 'GET', `/api/postings?${q}`), 400, q.split('=')[0]);
    }
    refused(await call(staff, 'GET', '/api/postings?status=gone'), 400, 'status');
    refused(await call(staff, 'GET', '/api/postings?sort=id'), 400, 'sort');
    refused(await call(staff, 'GET', '/api/postings?offset=1&offset=2'), 400, 'offset');
    const page = await call(staff, 'GET', '/api/postings?offset=18&limit=5&status=open');
    expect(page.status).toBe(200);
    expect(page.body.postings.map((p: any) => p.title)).toEqual(['包装工19', '包装工20']);
  });

  it('posting ids in a fair body beyond the Int range are a 400, not a crash', async () => {
    const body = `{"name":"x","venue":"y","startsAt":"${START}","endsAt":"${END}","postingIds":[1e20]}`;
    refused(await call(staff, 'POST', '/api/fairs', body), 400, 'postingIds[0]');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, '{"postingIds":[1e20]}'), 400, 'postingIds[0]');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, '{"postingIds":[1.5]}'), 400, 'postingIds[0]');
  });

  it('unknown posting ids in a fair change are a 400, and the fair keeps its postings', async () => {
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { postingIds: [1, 2147483647] }), 400, 'postingIds');
    expect(await s.db.fairPosting.count({ where: { fairId } })).toBe(2);
  });
});

describe('text', () => {
  it('lone surrogates are refused with the field named, in postings, fairs and buses, and nothing is stored', async () => {
    const before = await s.db.posting.count();
    refused(await call(staff, 'POST', '/api/postings', { employer: '惠水某厂', title: 'ab\ud800cd' }), 400, 'title');
    refused(await call(staff, 'POST', '/api/postings', { employer: '惠水\udc00某厂', title: '焊工' }), 400, 'employer');
    refused(await call(recruiterA, 'PATCH', '/api/postings/1', { description: '包吃住\ud83d' }), 400, 'description');
    refused(await call(staff, 'PATCH', '/api/postings/1', { benefits: ['包吃\ud800'] }), 400, 'benefits[0]');
    refused(await call(staff, 'POST', '/api/fairs', { name: 'ab\ud800cd', venue: 'y', startsAt: START, endsAt: END }), 400, 'name');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { buses: [{ place: '好花红\udfff', departsAt: START }] }), 400, 'buses[0].place');
    const r = await call(staff, 'POST', '/api/postings', { employer: '惠水某厂', title: 'ab\ud800cd' });
    expect(r.body.error).toContain('surrogate');
    expect(await s.db.posting.count()).toBe(before);
    expect((await s.db.jobFair.findUniqueOrThrow({ where: { id: fairId } })).name).toBe('冬季招聘会');
    expect((await s.db.posting.findUniqueOrThrow({ where: { id: 1 } })).description).toBe('');
  });

  it('NUL and other control characters are refused (PostgreSQL cannot store NUL)', async () => {
    refused(await call(staff, 'POST', '/api/postings', { employer: '惠水某厂', title: '焊\u0000工' }), 400, 'title');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { venue: '市场\u001b[31m' }), 400, 'venue');
    // Line breaks in a description are fine.
    expect((await call(staff, 'PATCH', '/api/postings/2', { description: '包吃住\n五险一金' })).status).toBe(200);
  });

  it('strict types: an object is not a title, benefits, or headcount; nothing is coerced or wiped', async () => {
    await call(staff, 'PATCH', '/api/postings/3', { benefits: ['包吃住', '五险一金'], headcount: 5 });
    refused(await call(staff, 'POST', '/api/postings', { employer: '惠水某厂', title: { a: 1 } }), 400, 'title');
    refused(await call(staff, 'PATCH', '/api/postings/3', { title: { a: 1 } }), 400, 'title');
    refused(await call(staff, 'PATCH', '/api/postings/3', { benefits: { a: 1 } }), 400, 'benefits');
    refused(await call(staff, 'PATCH', '/api/postings/3', { benefits: '包吃住' }), 400, 'benefits');
    refused(await call(staff, 'PATCH', '/api/postings/3', { headcount: '12' }), 400, 'headcount');
    refused(await call(staff, 'PATCH', '/api/postings/3', { headcount: 1e20 }), 400, 'headcount');
    refused(await call(staff, 'PATCH', '/api/postings/3', { title: 12 }), 400, 'title');
    refused(await call(staff, 'PATCH', '/api/postings/3', { title: '' }), 400, 'title');
    refused(await call(staff, 'PATCH', '/api/postings/3', { type: 'forever' }), 400, 'type');
    const p = await s.db.posting.findUniqueOrThrow({ where: { id: 3 } });
    expect(p.title).toBe('包装工3');
    expect(JSON.parse(p.benefits)).toEqual(['包吃住', '五险一金']);
    expect(p.headcount).toBe(5);
    expect((await call(staff, 'PATCH', '/api/postings/3', { headcount: null })).body.headcount).toBeNull();
  });

  it('sizes are bounded: a title of 101 characters, 21 benefits, a 101-character fair name', async () => {
    expect((await call(staff, 'PATCH', '/api/postings/4', { title: '焊'.repeat(100) })).status).toBe(200);
    refused(await call(staff, 'PATCH', '/api/postings/4', { title: '焊'.repeat(101) }), 400, 'title');
    refused(await call(staff, 'PATCH', '/api/postings/4', { benefits: Array(21).fill('包吃') }), 400, 'benefits');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { name: '会'.repeat(101) }), 400, 'name');
  });

  it('unknown fields are refused, not ignored', async () => {
    refused(await call(staff, 'PATCH', '/api/postings/4', { title: '焊工', salary: 9000 }), 400, 'salary');
    refused(await call(staff, 'PATCH', '/api/postings/4', { status: 'closed' }), 400, 'status');
    refused(await call(staff, 'POST', '/api/fairs', { name: 'x', venue: 'y', startsAt: START, endsAt: END, status: 'cancelled' }), 400, 'status');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { buses: [{ place: '镇', departsAt: START, seats: 40 }] }), 400, 'seats');
    refused(await call(recruiterA, 'PATCH', '/api/interests/1', { status: 'hired', note: 'x' }), 400, 'note');
    expect((await s.db.posting.findUniqueOrThrow({ where: { id: 4 } })).status).toBe('open');
  });
});

describe('dates', () => {
  it('30 February is refused, not rolled into March; a time needs seconds and an offset', async () => {
    const feb30 = '2026-02-30T09:00:00+08:00';
    refused(await call(staff, 'POST', '/api/fairs', { name: 'x', venue: 'y', startsAt: feb30, endsAt: END }), 400, 'startsAt');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { startsAt: feb30 }), 400, 'startsAt');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { endsAt: '2026-12-31T24:00:00+08:00' }), 400, 'endsAt');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { endsAt: '2026-12-14T16:00:00' }), 400, 'endsAt');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { buses: [{ place: '镇', departsAt: '2026-04-31T08:00:00+08:00' }] }), 400, 'buses[0].departsAt');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, { timeZone: 'Mars/Olympus' }), 400, 'timeZone');
    refused(await call(staff, 'POST', '/api/fairs', { name: 'x', venue: 'y', startsAt: END, endsAt: START }), 400, 'endsAt');
    const f = await s.db.jobFair.findUniqueOrThrow({ where: { id: fairId } });
    expect(f.startsAt.toISOString()).toBe('2026-12-14T01:00:00.000Z');
    expect(f.version).toBe(1);
    // A real 29 February passes.
    const leap = await call(staff, 'POST', '/api/fairs', { name: '闰日', venue: 'y', startsAt: '2028-02-29T09:00:00+08:00', endsAt: '2028-02-29T16:00:00Z' });
    expect(leap.status).toBe(201);
    expect(new Date(leap.body.startsAt).toISOString()).toBe('2028-02-29T01:00:00.000Z');
  });
});

describe('media types', () => {
  it('JSON routes refuse other media types with 415; the import refuses JSON with 415', async () => {
    const json = JSON.stringify({ employer: '惠水某厂', title: '焊工' });
    refused(await call(staff, 'POST', '/api/postings', json, { 'content-type': 'text/plain' }), 415, 'application/json');
    refused(await call(staff, 'POST', '/api/postings', 'employer=x&title=y', { 'content-type': 'application/x-www-form-urlencoded' }), 415, 'application/json');
    refused(await call(staff, 'PATCH', `/api/fairs/${fairId}`, '{"name":"x"}', { 'content-type': 'text/csv' }), 415, 'application/json');
    refused(await call(staff, 'POST', '/api/postings/import', '[{"id":"J1","employer":"x","title":"y"}]'), 415, 'JSON');
    refused(await call(staff, 'POST', '/api/postings/import?format=csv', '{"id":"J1"}'), 415, 'JSON');
    refused(await call(staff, 'POST', '/api/postings', Buffer.from(json, 'utf16le').toString('latin1'), { 'content-type': 'application/json; charset=utf-16le' }), 415, 'UTF-8');
    expect(await s.db.posting.count({ where: { title: '焊工' } })).toBe(0);
  });

  it('a JSON body over 16 kB is a 413 that gives the limit', async () => {
    refused(await call(staff, 'POST', '/api/postings', { employer: '惠水某厂', title: '焊工', description: 'x'.repeat(20_000) }), 413, '16384 bytes');
  });

  it('an empty or non-object JSON body is a 400 that says so', async () => {
    refused(await call(staff, 'PATCH', '/api/postings/5'), 400, 'body');
    refused(await call(staff, 'PATCH', '/api/postings/5', '[]'), 400, 'body');
    refused(await call(staff, 'PATCH', '/api/postings/5', 'null'), 400, 'body');
  });
});

describe('access', () => {
  it('every /api/fairs route is staff only: recruiters get 403', async () => {
    const body = { name: 'x', venue: 'y', startsAt: START, endsAt: END };
    for (const [method, path, b] of [
      ['GET', '/api/fairs'],
      ['GET', `/api/fairs/${fairId}`],
      ['GET', `/api/fairs/${fairId}/stats`],
      ['POST', '/api/fairs', body],
      ['PATCH', `/api/fairs/${fairId}`, { name: '改名' }],
      ['POST', `/api/fairs/${fairId}/cancel`],
    ] as [string, string, unknown?][]) {
      const r = await call(recruiterA, method, path, b);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error).toContain('staff');
    }
    expect((await s.db.jobFair.findUniqueOrThrow({ where: { id: fairId } })).status).toBe('scheduled');
  });

  it('a recruiter creating a posting with another employer’s id learns nothing: same answer as for a fresh id', async () => {
    const taken = await call(recruiterA, 'POST', '/api/postings', { id: 'V15', title: '叉车司机' }); // V15 is 龙里某公司's
    const fresh = await call(recruiterA, 'POST', '/api/postings', { id: 'NEW1', title: '叉车司机' });
    expect(taken.status).toBe(201);
    expect(fresh.status).toBe(201);
    expect(taken.body.externalId).toMatch(/^e\d+:V15$/);
    expect(taken.body.employer).toBe('惠水某厂');
    expect((await s.db.posting.findUniqueOrThrow({ where: { externalId: 'V15' } })).title).toBe('包装工15');
    // Their own id twice: a 409 about their own posting.
    const again = await call(recruiterA, 'POST', '/api/postings', { id: 'V15', title: '叉车司机' });
    expect(again.status).toBe(409);
    expect(again.body.error).toContain(taken.body.externalId);
    // Another employer's recruiter with the same id: their own, separate posting.
    const other = await call(recruiterB, 'POST', '/api/postings', { id: 'V15', title: '仓管员' });
    expect(other.status).toBe(201);
    expect(other.body.externalId).not.toBe(taken.body.externalId);
    // A recruiter cannot file a posting under another employer's name.
    refused(await call(recruiterA, 'POST', '/api/postings', { employer: '龙里某公司', title: '焊工' }), 400, 'employer');
    // Namespaced ids cannot be typed in by anyone.
    refused(await call(staff, 'POST', '/api/postings', { id: 'e1:X', employer: '惠水某厂', title: '焊工' }), 400, 'id');
  });

  it('a recruiter cannot read, change or close another employer’s posting, with or without tricks in the id', async () => {
    expect((await call(recruiterA, 'GET', '/api/postings/15')).status).toBe(403);
    expect((await call(recruiterA, 'PATCH', '/api/postings/15', { title: 'x' })).status).toBe(403);
    expect((await call(recruiterA, 'POST', '/api/postings/15/close')).status).toBe(403);
    expect((await call(recruiterA, 'POST', '/api/postings/0xf/close')).status).toBe(400);
    expect((await s.db.posting.findUniqueOrThrow({ where: { id: 15 } })).status).toBe('open');
  });

  it('all 27 protected routes refuse a missing, unknown, expired, Basic or query-string token', async () => {
    const doc = (await call(null, 'GET', '/api/openapi.json')).body;
    const ops = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => !(Array.isArray(op.security) && op.security.length === 0))
        .map(([method]) => [method.toUpperCase(), path.replace('{id}', '1')] as const),
    );
    expect(ops).toHaveLength(27);
    const expired = (await createUser(s.db, { name: '离职', role: 'staff', expiresAt: new Date(s.clock.now().getTime() - 1000) })).token;
    for (const [method, path] of ops) {
      const attempts: [Record<string, string>, string][] = [
        [{}, path],
        [{ authorization: 'Bearer hs_wrong' }, path],
        [{ authorization: `Bearer ${expired}` }, path],
        [{ authorization: `Basic ${Buffer.from(`x:${staff}`).toString('base64')}` }, path],
        [{ authorization: staff }, path],
        [{}, `${path}?access_token=${staff}`],
        [{}, `${path}?token=${staff}`],
      ];
      for (const [headers, url] of attempts) {
        const r = await call(null, method, url, method === 'GET' ? undefined : {}, headers);
        expect(r.status, `${method} ${url} ${JSON.stringify(headers)}`).toBe(401);
      }
    }
  });

  it('tokens are stored only as hashes', async () => {
    expect(await s.db.user.count({ where: { tokenHash: staff } })).toBe(0);
    expect((await s.db.user.findMany()).every((u) => /^[0-9a-f]{64}$/.test(u.tokenHash))).toBe(true);
  });
});

describe('OpenAPI', () => {
  it('is generated from the schemas the routes check', async () => {
    const doc = (await call(null, 'GET', '/api/openapi.json')).body;
    const id = doc.paths['/api/postings/{id}'].get.parameters.find((p: any) => p.name === 'id');
    expect(id).toMatchObject({ in: 'path', required: true, schema: { type: 'string', pattern: '^[1-9][0-9]{0,9}$' } });
    const create = doc.paths['/api/postings'].post.requestBody.content['application/json'].schema;
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(['title']);
    expect(create.properties.title).toMatchObject({ type: 'string', minLength: 1, maxLength: 100 });
    expect(create.properties.benefits).toMatchObject({ type: 'array', maxItems: 20 });
    const fair = doc.paths['/api/fairs'].post.requestBody.content['application/json'].schema;
    expect(fair.properties.startsAt).toMatchObject({ type: 'string', format: 'date-time' });
    expect(fair.properties.postingIds.items).toMatchObject({ type: 'integer', maximum: 2147483647 });
    expect(doc.paths['/api/fairs'].get['x-roles']).toEqual(['staff']);
    const list = doc.paths['/api/postings'].get.parameters.map((p: any) => p.name);
    expect(list).toEqual(['status', 'limit', 'offset']);
    expect(doc.paths['/api/postings/import'].post.requestBody.content['text/csv']).toBeTruthy();
    expect(doc.paths['/api/interests/{id}'].patch.requestBody.content['application/json'].schema.properties.status.enum).toEqual(['contacted', 'hired', 'not_suitable']);
  });
});
