// Linking a recruiter's phone or Telegram chat, over real HTTP, the Twilio and Telegram stand-ins
// and a real database: a number is linked only once its holder echoed the code sent to it, a
// job seeker's number is never taken, and a worker on a linked number still talks to the worker
// conversation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { type Channels, startWithChannels } from '../support/channels.ts';
import type { TestService } from '../support/service.ts';

let ch: Channels;
let s: TestService;
let sms: Channels['sms'];
let tg: Channels['tg'];

beforeAll(async () => {
  ch = await startWithChannels('78:me-test');
  ({ s, sms, tg } = ch);
});
afterAll(() => ch.close());

const call = async (token: string | null, method: string, path: string, body?: unknown, raw?: string) => {
  const res = await fetch(`${s.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json' },
    body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
};

const flush = () => ch.flush();
const smsIn = (from: string, body: string) => ch.smsIn(from, body);
const tgIn = (chat: string, text: string) => ch.tgIn(chat, text);

const codeIn = (texts: string[]) => /验证码(\d{6})/.exec(texts.join('\n'))?.[1];

/** A recruiter of the employer whose job a worker just signed up for, and that interest. */
async function recruiterFor(workerPhone: string, name: string) {
  const interest = await s.db.interest.findFirstOrThrow({ where: { worker: { identities: { some: { address: workerPhone } } } }, include: { posting: true } });
  const { user, token } = await createUser(s.db, { name, role: 'recruiter', employerId: interest.posting.employerId });
  return { user, token, interest };
}

describe('a recruiter cannot take over a worker’s number', () => {
  const WORKER = '+8613900000101';

  it('PATCH /api/me with a job seeker’s number is refused, and the worker goes on as before', async () => {
    expect((await smsIn(WORKER, '焊工'))[0]).toContain('回1/2/3看详情');
    await smsIn(WORKER, '1'); // opens a job
    await smsIn(WORKER, '1'); // signs up for it
    const { token, user } = await recruiterFor(WORKER, '抢号HR');
    const r = await call(token, 'PATCH', '/api/me', { phone: '139 0000 0101' });
    expect(r.status).toBe(409);
    expect(r.body.error).toContain('job seeker');
    expect((await s.db.user.findUniqueOrThrow({ where: { id: user.id } })).phone).toBeNull();
    expect(sms.sent.some((m) => m.To === WORKER && m.Body.includes('验证码'))).toBe(false);
    // The worker's next messages are the worker's: job results, not the recruiter help text.
    const next = await smsIn(WORKER, '焊工');
    expect(next.join('\n')).toContain('回1/2/3看详情');
    expect(next.join('\n')).not.toContain('招聘方回复格式');
  });

  it('even on a number linked before links needed proof, only recruiter commands are the recruiter’s', async () => {
    const { user, interest } = await recruiterFor(WORKER, '旧链接HR');
    await s.db.user.update({ where: { id: user.id }, data: { phone: WORKER } });
    const next = await smsIn(WORKER, '保安');
    expect(next.join('\n')).toContain('回1/2/3看详情');
    expect(next.join('\n')).not.toContain('招聘方回复格式');
    expect((await smsIn(WORKER, `联系 ${interest.id}`)).join('\n')).toContain('已记为“已联系”');
    await s.db.user.update({ where: { id: user.id }, data: { phone: null } });
  });
});

describe('linking a phone needs the code sent to it', () => {
  const WORKER = '+8613900000201';
  const HR_PHONE = '+8613700000202';
  let token: string;
  let interestId: number;

  beforeAll(async () => {
    await smsIn(WORKER, '焊工');
    await smsIn(WORKER, '1');
    await smsIn(WORKER, '1');
    const r = await recruiterFor(WORKER, '工厂HR');
    token = r.token;
    interestId = r.interest.id;
  });

  it('an unverified link does nothing: the number is not linked and its messages are not the recruiter’s', async () => {
    const r = await call(token, 'PATCH', '/api/me', { phone: '13700000202' });
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ phone: null, pending: { channel: 'sms', address: HR_PHONE } });
    expect(JSON.stringify(r.body)).not.toMatch(/\b\d{6}\b/); // the code is not in the answer
    expect((await call(token, 'GET', '/api/me')).body).toMatchObject({ phone: null, pending: { channel: 'sms', address: HR_PHONE } });
    const got = await smsIn(HR_PHONE, `录用 ${interestId}`);
    expect(got.join('\n')).not.toContain('已记为');
    expect((await s.db.interest.findUniqueOrThrow({ where: { id: interestId } })).status).toBe('new');
  });

  it('the code reached the phone, and the outbox does not keep it', async () => {
    const texts = sms.sent.filter((m) => m.To === HR_PHONE).map((m) => m.Body);
    const code = codeIn(texts);
    expect(code).toMatch(/^\d{6}$/);
    const rows = await s.db.outboundMessage.findMany({ where: { kind: 'verification' } });
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.state).toBe('sent');
      expect(row.body).not.toContain(code!);
      expect(row.recipient).not.toBe(HR_PHONE);
    }
    const stored = await s.db.contactVerification.findFirstOrThrow({ where: { address: HR_PHONE } });
    expect(stored.codeHash).not.toContain(code!);
  });

  it('a wrong code is refused with the tries left; the fifth wrong one locks the code', async () => {
    const code = codeIn(sms.sent.filter((m) => m.To === HR_PHONE).map((m) => m.Body))!;
    const wrong = code === '000000' ? '111111' : '000000';
    for (let left = 4; left >= 0; left--) {
      const r = await call(token, 'POST', '/api/me/verify', { code: wrong });
      expect(r.status).toBe(400);
      expect(r.body.error).toContain(`${left} tries left`);
    }
    const locked = await call(token, 'POST', '/api/me/verify', { code });
    expect(locked.status).toBe(429);
    expect((await call(token, 'GET', '/api/me')).body).toMatchObject({ phone: null, pending: null });
  });

  it('an expired code is refused', async () => {
    const before = sms.sent.length;
    expect((await call(token, 'PATCH', '/api/me', { phone: HR_PHONE })).status).toBe(202);
    await flush();
    const code = codeIn(sms.sent.slice(before).map((m) => m.Body))!;
    s.clock.advance(10 * 60_000 + 1);
    const r = await call(token, 'POST', '/api/me/verify', { code });
    expect(r.status).toBe(410);
    expect((await call(token, 'GET', '/api/me')).body.phone).toBeNull();
  });

  it('the right code links the number, and then “录用 N” from it is the recruiter’s decision', async () => {
    const before = sms.sent.length;
    expect((await call(token, 'PATCH', '/api/me', { phone: HR_PHONE })).status).toBe(202);
    await flush();
    const code = codeIn(sms.sent.slice(before).map((m) => m.Body))!;
    const r = await call(token, 'POST', '/api/me/verify', { code });
    expect(r.status).toBe(200);
    expect(r.body.phone).toBe(HR_PHONE);
    expect(await s.db.contactVerification.count({ where: { address: HR_PHONE } })).toBe(0);
    const ack = await smsIn(HR_PHONE, `录用 ${interestId}`);
    expect(ack[0]).toContain('已记为“录用”');
    expect((await s.db.interest.findUniqueOrThrow({ where: { id: interestId } })).status).toBe('hired');
    // A message that is no command is the holder's own worker conversation.
    expect((await smsIn(HR_PHONE, '保洁')).join('\n')).toContain('回1/2/3看详情');
    // The code is used up.
    expect((await call(token, 'POST', '/api/me/verify', { code })).status).toBe(404);
  });

  it('unlinking needs no code', async () => {
    const r = await call(token, 'PATCH', '/api/me', { phone: null });
    expect(r.status).toBe(200);
    expect(r.body.phone).toBeNull();
  });

  it('at most five codes a day', async () => {
    const { token: t } = await createUser(s.db, { name: '急HR', role: 'recruiter' });
    for (let i = 0; i < 5; i++) expect((await call(t, 'PATCH', '/api/me', { phone: `1370000030${i}` })).status).toBe(202);
    const r = await call(t, 'PATCH', '/api/me', { phone: '13700000309' });
    expect(r.status).toBe(429);
    s.clock.advance(86_400_000 + 1);
    expect((await call(t, 'PATCH', '/api/me', { phone: '13700000309' })).status).toBe(202);
  });
});

describe('linking a Telegram chat by replying the code from it', () => {
  it('a chat that only said /start can be linked; the code replied from the chat links it', async () => {
    const chat = '4400123';
    await tgIn(chat, '/start'); // a bot cannot write to a chat that never wrote to it
    const { token } = await createUser(s.db, { name: 'TG HR', role: 'recruiter' });
    expect((await call(token, 'PATCH', '/api/me', { telegramChatId: Number(chat) })).status).toBe(202);
    await flush();
    const code = codeIn(tg.sent.filter((m) => m.chat_id === chat).map((m) => m.text))!;
    expect(code).toMatch(/^\d{6}$/);
    const wrong = await tgIn(chat, code === '999999' ? '888888' : '999999');
    expect(wrong[0]).toContain('验证码不对');
    const ok = await tgIn(chat, code);
    expect(ok[0]).toContain('绑定成功');
    expect((await call(token, 'GET', '/api/me')).body.telegramChatId).toBe(chat);
  });

  it('a chat that has looked for work is refused', async () => {
    const chat = '4400124';
    await tgIn(chat, '保安');
    const { token } = await createUser(s.db, { name: 'TG HR2', role: 'recruiter' });
    expect((await call(token, 'PATCH', '/api/me', { telegramChatId: chat })).status).toBe(409);
  });

  it('an address linked to another account is refused', async () => {
    const { token } = await createUser(s.db, { name: 'TG HR3', role: 'recruiter' });
    const r = await call(token, 'PATCH', '/api/me', { telegramChatId: '4400123' });
    expect(r.status).toBe(409);
    expect(r.body.error).toContain('another account');
  });
});

describe('input', () => {
  let token: string;
  beforeAll(async () => {
    token = (await createUser(s.db, { name: '输入HR', role: 'recruiter' })).token;
  });

  it.each([
    [{}, 'exactly one'],
    [{ phone: '13700000401', telegramChatId: '1' }, 'exactly one'],
    [{ phone: '12345' }, 'not a valid phone number'],
    [{ phone: 13700000401 }, 'phone'],
    [{ telegramChatId: 'abc' }, 'numeric chat id'],
    [{ phone: '13700000401', role: 'staff' }, 'role'],
    [[1, 2], 'object'],
  ])('PATCH %j → 400 naming the problem', async (body, reason) => {
    const r = await call(token, 'PATCH', '/api/me', body);
    expect(r.status).toBe(400);
    expect(r.body.error).toContain(reason);
  });

  it('rejects a malformed code, bad JSON and a missing token', async () => {
    expect((await call(token, 'POST', '/api/me/verify', { code: '12ab56' })).status).toBe(400);
    expect((await call(token, 'POST', '/api/me/verify', { code: '1234567' })).status).toBe(400);
    expect((await call(token, 'POST', '/api/me/verify', undefined, '{"code":')).status).toBe(400);
    expect((await call(token, 'POST', '/api/me/verify', { code: '123456' })).status).toBe(404); // nothing was sent
    expect((await call(null, 'PATCH', '/api/me', { phone: '13700000401' })).status).toBe(401);
    expect((await call(null, 'POST', '/api/me/verify', { code: '123456' })).status).toBe(401);
  });
});
