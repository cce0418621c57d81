// Recruiters and staff over real HTTP and a real database: import, candidates, consent, notices,
// decisions, access control, statistics and deletion.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { FakeTelegramApi } from '../support/fake-telegram-api.ts';
import { startTestService, type TestService } from '../support/service.ts';
import { POSTINGS_FILE } from '../support/dev-eval.ts';

let s: TestService;
let tg: FakeTelegramApi;
let staff: string;
let recruiter: string;
let otherRecruiter: string;
const RAW = fs.readFileSync(POSTINGS_FILE);

const call = async (token: string | null, method: string, path: string, body?: unknown, type = 'application/json') => {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': type },
    body: body === undefined ? undefined : typeof body === 'string' || body instanceof Uint8Array ? (body as BodyInit) : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};
const say = (user: string, text: string) => s.engine.handle({ channel: 'web', address: user, text });

beforeAll(async () => {
  tg = await new FakeTelegramApi().start();
  s = await startTestService(
    { SEED_DEMO: 'false', TELEGRAM_BOT_TOKEN: '42:recruiter-test', TELEGRAM_API_ROOT: tg.url, TELEGRAM_PER_SECOND: '1000', QUIET_HOURS: 'off' },
    undefined,
    { runOutbox: false, pollTelegram: false },
  );
  staff = (await createUser(s.db, { name: '就业局小王', role: 'staff' })).token;
});
afterAll(async () => {
  await s.close();
  await tg.stop();
});

describe('import', () => {
  it('imports the 407 raw postings, and a second import creates no duplicates', async () => {
    const first = await call(staff, 'POST', '/api/postings/import', RAW, 'application/x-ndjson');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 407, updated: 0, rejected: 0 });
    const again = await call(staff, 'POST', '/api/postings/import', RAW, 'application/x-ndjson');
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 407 });
    expect(await s.db.posting.count()).toBe(407);
    expect(s.jobs.size).toBe(407);
    expect((await s.jobs.search('焊工', null, 3)).length).toBe(3);
  });

  it('imports CSV, reporting bad rows by line and keeping the good ones', async () => {
    const csv =
      'id,employer,title,location,wage_text\nC1,惠水某厂,包装工,惠水县,3500-4500\nC2,,叉车司机,龙里,5000\nC3,某公司,"=HYPERLINK(""http://x"",""点我"")",广州,6000\nC4,惠水某厂,仓管员,惠水县,4000\n';
    const r = await call(staff, 'POST', '/api/postings/import', csv, 'text/csv');
    expect(r.status).toBe(200);
    expect(r.body.created).toBe(2);
    expect(r.body.problems).toEqual([
      { line: 3, reason: expect.stringContaining('employer') },
      { line: 4, reason: expect.stringContaining('公式') },
    ]);
  });

  it('refuses a file in GBK, with wrong columns, or too large, with a clear 4xx and nothing half-imported', async () => {
    const before = await s.db.posting.count();
    const gbk = new Uint8Array([
      0x69, 0x64, 0x2c, 0x65, 0x6d, 0x70, 0x6c, 0x6f, 0x79, 0x65, 0x72, 0x2c, 0x74, 0x69, 0x74, 0x6c, 0x65, 0x0a, 0x31, 0x2c, 0xbb, 0xdd, 0xcb, 0xae, 0x2c, 0xba, 0xb8, 0xb9, 0xa4,
      0x0a,
    ]); // "1,惠水,焊工" in GBK
    const enc = await call(staff, 'POST', '/api/postings/import', gbk, 'text/csv');
    expect(enc.status).toBe(415);
    expect(enc.body.error).toContain('UTF-8');
    const cols = await call(staff, 'POST', '/api/postings/import', 'name,company\n焊工,某厂\n', 'text/csv');
    expect(cols.status).toBe(400);
    expect(cols.body.error).toContain('employer');
    const big = await call(staff, 'POST', '/api/postings/import', new Uint8Array(21 * 1024 * 1024).fill(0x61), 'text/csv');
    expect(big.status).toBe(413);
    expect(await s.db.posting.count()).toBe(before);
  });

  it('needs a valid, unexpired staff token', async () => {
    expect((await call(null, 'POST', '/api/postings/import', RAW, 'application/x-ndjson')).status).toBe(401);
    expect((await call('hs_wrong', 'POST', '/api/postings/import', RAW, 'application/x-ndjson')).status).toBe(401);
    const expired = (await createUser(s.db, { name: '离职', role: 'staff', expiresAt: new Date(s.clock.now().getTime() - 1000) })).token;
    const r = await call(expired, 'GET', '/api/stats');
    expect(r.status).toBe(401);
    expect(r.body.error).toContain('expired');
  });
});

describe('candidates, consent and notices', () => {
  let postingId: number;
  let employerId: number;

  beforeAll(async () => {
    const p = await s.db.posting.findFirstOrThrow({ where: { externalId: 'P0061' } }); // 氩弧焊工, 广州工控
    postingId = p.id;
    employerId = p.employerId;
    recruiter = (await createUser(s.db, { name: '工控HR', role: 'recruiter', employerId, telegramChatId: '555001' })).token;
    const other = await s.db.employer.findFirstOrThrow({ where: { id: { not: employerId } } });
    otherRecruiter = (await createUser(s.db, { name: '别家HR', role: 'recruiter', employerId: other.id })).token;
  });

  async function interestIn(user: string, phone: string | null) {
    await say(user, '氩弧焊 广州');
    const state = JSON.parse((await s.db.conversation.findFirstOrThrow({ where: { identity: { address: user } } })).state);
    const n = (state.results as number[]).slice(0, 3).indexOf(postingId) + 1;
    expect(n).toBeGreaterThan(0);
    await say(user, String(n)); // the job's details
    await say(user, '1'); // 报名
    if (phone) {
      await say(user, '1');
      await say(user, phone);
    } else await say(user, '2');
  }

  it('a worker who is interested and consents: the recruiter is notified with the phone within a minute', async () => {
    await interestIn('cand-yes', '13712345678');
    const notice = await s.db.outboundMessage.findFirstOrThrow({ where: { topic: { startsWith: 'recruiter:' }, state: 'queued' } });
    expect(notice.channel).toBe('telegram');
    expect(notice.recipient).toBe('555001');
    expect(notice.body).toContain('+8613712345678');
    expect(notice.nextAttemptAt.getTime() - s.clock.now().getTime()).toBeLessThanOrEqual(60_000);
    s.clock.advance(60_000);
    await s.outbox.drain();
    expect(tg.sent.find((m) => m.chat_id === '555001')?.text).toContain('+8613712345678');
  });

  it('without consent, the number appears nowhere in the recruiter view or notice', async () => {
    await interestIn('cand-no', null);
    const worker = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'cand-no' } } });
    await s.db.worker.update({ where: { id: worker.workerId }, data: { phone: '+8613900009999' } });
    const view = await call(recruiter, 'GET', `/api/postings/${postingId}/candidates`);
    expect(view.status).toBe(200);
    const c = view.body.candidates.find((x: any) => x.workerId === worker.workerId);
    expect(c.matchedBy).toBe('interest');
    expect(c.phone).toBeUndefined();
    expect(JSON.stringify(view.body)).not.toContain('13900009999');
    const yes = view.body.candidates.find((x: any) => x.phone === '+8613712345678');
    expect(yes).toBeTruthy();
    const notices = await s.db.outboundMessage.findMany({ where: { topic: { startsWith: 'recruiter:' } } });
    expect(notices.map((n) => n.body).join('\n')).not.toContain('13900009999');
  });

  it('lists workers whose own words fit the posting (reverse matching), without contact details', async () => {
    await say('cand-profile', '电焊 广州');
    const view = await call(staff, 'GET', `/api/postings/${postingId}/candidates`);
    const byProfile = view.body.candidates.filter((x: any) => x.matchedBy === 'profile');
    expect(byProfile.length).toBeGreaterThan(0);
    expect(byProfile.every((x: any) => x.phone === undefined && x.trades.includes('焊工'))).toBe(true);
  });

  it('another employer’s recruiter gets 403', async () => {
    expect((await call(otherRecruiter, 'GET', `/api/postings/${postingId}/candidates`)).status).toBe(403);
    expect((await call(otherRecruiter, 'PATCH', `/api/postings/${postingId}`, { title: 'x' })).status).toBe(403);
    const interest = await s.db.interest.findFirstOrThrow({ where: { postingId } });
    expect((await call(otherRecruiter, 'PATCH', `/api/interests/${interest.id}`, { status: 'hired' })).status).toBe(403);
  });

  it('the recruiter marks a candidate hired by replying to the notice; the worker is told', async () => {
    const interest = await s.db.interest.findFirstOrThrow({ where: { postingId, consent: 'granted' } });
    const { receiveInbound } = await import('../../webhooks/inbound.ts');
    const { RecruiterCommands } = await import('../../recruiters/commands.ts');
    await receiveInbound(
      { db: s.db, clock: s.clock, engine: s.engine, recruiters: new RecruiterCommands(s.db, s.clock) },
      { channel: 'telegram', address: '555001', text: `录用 ${interest.id}`, providerId: 'rec-1' },
      (r) => [{ body: r.text }],
    );
    expect((await s.db.interest.findUniqueOrThrow({ where: { id: interest.id } })).status).toBe('hired');
    const told = await s.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: `decision:${interest.id}:hired` } });
    expect(told.body).toContain('恭喜');
    const ack = await s.db.outboundMessage.findFirstOrThrow({ where: { idempotencyKey: 'reply:telegram:rec-1:0' } });
    expect(ack.body).toContain('录用');
  });

  it('decisions through the API validate the status', async () => {
    const interest = await s.db.interest.findFirstOrThrow({ where: { postingId, consent: 'denied' } });
    expect((await call(recruiter, 'PATCH', `/api/interests/${interest.id}`, { status: 'maybe' })).status).toBe(400);
    expect((await call(recruiter, 'PATCH', `/api/interests/${interest.id}`, { status: 'not_suitable' })).body.status).toBe('not_suitable');
  });
});

describe('job alerts and postings from another process', () => {
  it('a worker who said 提醒我 gets one digest a day about new postings that fit', async () => {
    await say('alert-me', '保洁 县城');
    const [on] = (await say('alert-me', '提醒我')).replies;
    expect(on.text).toContain('一天最多一条');
    const csv = 'id,employer,title,location,wage_text\nA1,惠水某物业,小区保洁员,惠水县涟江街道,2500-3000\n';
    await call(staff, 'POST', '/api/postings/import', csv, 'text/csv');
    const w = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'alert-me' } } });
    const alerts = await s.db.outboundMessage.findMany({ where: { workerId: w.workerId, kind: 'alert' } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0].body).toContain('小区保洁员');
    await call(staff, 'POST', '/api/postings/import', 'id,employer,title,location\nA2,惠水某物业,商场保洁,惠水县\n', 'text/csv');
    expect(await s.db.outboundMessage.count({ where: { workerId: w.workerId, kind: 'alert' } })).toBe(1);
    // The next day, the posting held back by the first digest comes in the second, alone.
    s.clock.advance(86_400_000);
    const { sendJobAlerts } = await import('../../recruiters/alerts.ts');
    await sendJobAlerts(s.db, s.jobs, s.clock);
    const next = await s.db.outboundMessage.findMany({ where: { workerId: w.workerId, kind: 'alert' }, orderBy: { id: 'asc' } });
    expect(next).toHaveLength(2);
    expect(next[1].body).toContain('商场保洁');
    expect(next[1].body).not.toContain('小区保洁员');
    await sendJobAlerts(s.db, s.jobs, s.clock);
    expect(await s.db.outboundMessage.count({ where: { workerId: w.workerId, kind: 'alert' } })).toBe(2);
  });

  it('postings written by another process (npm run import) join the index on refresh', async () => {
    const { importPostings } = await import('../../postings/import.ts');
    await s.jobs.refresh(); // in step with everything so far
    await importPostings(s.db, s.reader, [{ line: 1, value: { id: 'X1', employer: '龙里某快递', title: '快递分拣员', location: '龙里县' } }]);
    const before = (await s.jobs.search('快递分拣 龙里', null, 50)).length;
    const { created } = await s.jobs.refresh();
    expect(created.length).toBe(1);
    expect((await s.jobs.search('快递分拣 龙里', null, 50)).length).toBe(before + 1);
  });
});

describe('statistics and deletion', () => {
  it('staff see totals by fair, township and trade; recruiters cannot', async () => {
    expect((await call(recruiter, 'GET', '/api/stats')).status).toBe(403);
    const r = await call(staff, 'GET', '/api/stats');
    expect(r.body.totals).toMatchObject({ postings: 412, interests: 2, consents: 1, hired: 1 });
    expect(r.body.byTrade.find((t: any) => t.trade === '焊工')).toMatchObject({ interests: 2, hired: 1 });
  });

  it('a worker who asks for deletion is gone; the statistics stay', async () => {
    await say('cand-yes', '删除我的信息');
    await say('cand-yes', '1');
    expect(await s.db.identity.findUnique({ where: { channel_address: { channel: 'web', address: 'cand-yes' } } })).toBeNull();
    expect(await s.db.worker.count({ where: { phone: '+8613712345678' } })).toBe(0);
    const view = await call(staff, 'GET', `/api/postings/${(await s.db.posting.findFirstOrThrow({ where: { externalId: 'P0061' } })).id}/candidates`);
    expect(JSON.stringify(view.body)).not.toContain('13712345678');
    const r = await call(staff, 'GET', '/api/stats');
    expect(r.body.totals).toMatchObject({ interests: 2, hired: 1 });
  });

  it('serves an OpenAPI description', async () => {
    const r = await call(null, 'GET', '/api/openapi.json');
    expect(r.body.paths['/api/postings/import']).toBeTruthy();
  });
});
