// Staff answering a worker who asked for a person, over the whole service: the worker texts over
// SMS (Twilio stand-in), the chat hands over (as the engine will, through service.handovers),
// staff read the conversation and reply, and the reply arrives on the worker's phone through the
// outbox — also at night and after 退订, since the worker asked for it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { type Channels, startWithChannels } from '../support/channels.ts';
import type { TestService } from '../support/service.ts';
import { apiCall } from '../support/api-call.ts';

let ch: Channels;
let s: TestService;
let staff: string;
let recruiter: string;
/** What the worker heard on asking for a person. */
let asked: string[];
const PHONE = '+8613912345678';
const TG_CHAT = '8123400001';

const call = (token: string | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => apiCall(s.url, token, method, path, body, headers);

/** What the chat will do when the worker asks for a person. */
async function handOver(channel: string, address: string, lastText: string) {
  const identity = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel, address } } });
  return s.handovers.open({ workerId: identity.workerId, identityId: identity.id, channel, address, reason: 'asked', lastText });
}

beforeAll(async () => {
  ch = await startWithChannels('77:handover-test');
  s = ch.s;
  staff = (await createUser(s.db, { name: '就业局小王', role: 'staff' })).token;
  const employer = await s.db.employer.create({ data: { name: '惠水某厂' } });
  recruiter = (await createUser(s.db, { name: 'HR', role: 'recruiter', employerId: employer.id })).token;
  s.clock.set('2026-12-01T02:00:00Z');
  await ch.smsIn(PHONE, '焊工');
  asked = await ch.smsIn(PHONE, '我要找人工');
  await ch.tgIn(TG_CHAT, '保洁');
}, 60_000);
afterAll(() => ch.close());

describe('hand-overs for staff', () => {
  let id: number;

  it('the list shows open hand-overs, newest first, with the conversation so far', async () => {
    // The chat opened it when the worker asked, and told them when someone would answer.
    expect(asked.join('\n')).toContain('已告诉工作人员，1小时内回你');
    const sms = await s.db.handover.findFirstOrThrow({ where: { channel: 'sms', address: PHONE } });
    expect(sms).toMatchObject({ status: 'open', reason: 'asked', lastText: '我要找人工' });
    id = sms.id;
    s.clock.advance(60_000);
    const tg = await handOver('telegram', TG_CHAT, '保洁');
    expect((await handOver('sms', PHONE, '人呢')).id).toBe(id); // the same worker again: the same hand-over

    const list = await call(staff, 'GET', '/api/handovers');
    expect(list.status).toBe(200);
    expect(list.body.handovers.map((h: any) => h.id)).toEqual([tg.id, id]);
    const h = list.body.handovers[1];
    expect(h).toMatchObject({ id, channel: 'sms', address: PHONE, status: 'open', reason: 'asked', lastText: '人呢', createdAt: sms.createdAt.toISOString() });
    expect(h.workerId).toBe((await s.db.identity.findFirstOrThrow({ where: { address: PHONE } })).workerId);
    const lines = h.messages as { from: string; text: string; at: string }[];
    expect(lines.filter((m) => m.from === 'worker').map((m) => m.text)).toEqual(['焊工', '我要找人工']);
    expect(lines[0]).toMatchObject({ from: 'worker', text: '焊工' });
    expect(lines[1].from).toBe('bot'); // the chat's answer follows the message it answers
    expect(lines.every((m) => !Number.isNaN(Date.parse(m.at)))).toBe(true);
    expect(lines.length).toBeLessThanOrEqual(20);
  });

  it('a staff reply goes through the outbox to the worker’s channel and address, as staff-reply', async () => {
    const before = ch.sms.sent.length;
    const r = await call(staff, 'POST', `/api/handovers/${id}/reply`, { text: '你好，我是就业局小王，焊工的岗位我帮你问问。' });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.handover.status).toBe('answered');
    const row = await s.db.outboundMessage.findUniqueOrThrow({ where: { id: r.body.outboundId } });
    expect(row).toMatchObject({ channel: 'sms', recipient: PHONE, kind: 'staff-reply', state: 'queued' });
    const reply = await s.db.handoverReply.findUniqueOrThrow({ where: { id: r.body.replyId } });
    expect(reply).toMatchObject({ handoverId: id, outboundId: row.id, text: '你好，我是就业局小王，焊工的岗位我帮你问问。' });
    await ch.flush();
    const got = ch.sms.sent.slice(before).filter((m) => m.To === PHONE);
    expect(got.map((m) => m.Body)).toEqual([expect.stringContaining('焊工的岗位我帮你问问')]);
    // In the transcript as staff.
    const list = await call(staff, 'GET', '/api/handovers?status=answered');
    expect(list.body.handovers.map((h: any) => h.id)).toEqual([id]);
    expect(list.body.handovers[0].messages.at(-1)).toMatchObject({ from: 'staff', text: expect.stringContaining('焊工的岗位') });
  });

  it('reaches a worker who sent 退订, and at night is not held for morning', async () => {
    await s.db.worker.updateMany({ where: { identities: { some: { address: PHONE } } }, data: { optedOut: true } });
    await s.db.identity.updateMany({ where: { address: PHONE }, data: { optedOut: true } });
    s.clock.set('2026-12-01T15:00:00Z'); // 23:00 in Huishui, inside quiet hours
    const before = ch.sms.sent.length;
    expect((await call(staff, 'POST', `/api/handovers/${id}/reply`, { text: '明天上午给你打电话。' })).status).toBe(200);
    await ch.flush();
    expect(ch.sms.sent.slice(before).map((m) => m.Body)).toEqual([expect.stringContaining('明天上午给你打电话')]);
  });

  it('closed: a reply is a 409, the list moves it to closed, and a new request opens a new one', async () => {
    const closed = await call(staff, 'POST', `/api/handovers/${id}/close`);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ id, status: 'closed', closedAt: expect.any(String) });
    expect((await call(staff, 'POST', `/api/handovers/${id}/close`)).status).toBe(200);
    const r = await call(staff, 'POST', `/api/handovers/${id}/reply`, { text: '还在吗' });
    expect(r.status).toBe(409);
    expect(r.body.error).toContain('closed');
    expect(await s.db.handoverReply.count({ where: { handoverId: id } })).toBe(2);
    expect((await call(staff, 'GET', '/api/handovers')).body.handovers.map((h: any) => h.id)).not.toContain(id);
    expect((await call(staff, 'GET', '/api/handovers?status=closed')).body.handovers.map((h: any) => h.id)).toEqual([id]);
    expect((await handOver('sms', PHONE, '又有问题')).created).toBe(true);
  });

  it('input is checked: reply text 1–300 characters, status one of three, ids plain digits, unknown ids 404', async () => {
    const [open] = (await call(staff, 'GET', '/api/handovers')).body.handovers;
    expect((await call(staff, 'POST', `/api/handovers/${open.id}/reply`, { text: '' })).body.error).toMatch(/^text: /);
    expect((await call(staff, 'POST', `/api/handovers/${open.id}/reply`, { text: '话'.repeat(301) })).body.error).toMatch(/^text: .*300/);
    expect((await call(staff, 'POST', `/api/handovers/${open.id}/reply`, { text: '好', to: 'x' })).status).toBe(400);
    expect((await call(staff, 'GET', '/api/handovers?status=pending')).body.error).toMatch(/^status: /);
    for (const bad of ['0x10', '1e1', '0', '01', '2147483648']) {
      expect((await call(staff, 'POST', `/api/handovers/${bad}/reply`, { text: '好' })).body.error).toMatch(/^id: /);
      expect((await call(staff, 'POST', `/api/handovers/${bad}/close`)).status).toBe(400);
    }
    expect((await call(staff, 'POST', '/api/handovers/2147483647/reply', { text: '好' })).status).toBe(404);
    expect((await call(staff, 'POST', '/api/handovers/2147483647/close')).status).toBe(404);
  });

  it('staff only: recruiters 403, no token 401', async () => {
    const [open] = (await call(staff, 'GET', '/api/handovers')).body.handovers;
    for (const [method, path, body] of [
      ['GET', '/api/handovers'],
      ['POST', `/api/handovers/${open.id}/reply`, { text: '好' }],
      ['POST', `/api/handovers/${open.id}/close`],
    ] as [string, string, unknown?][]) {
      const r = await call(recruiter, method, path, body);
      expect(r.status, `${method} ${path}`).toBe(403);
      expect(r.body.error).toContain('staff');
      expect((await call(null, method, path, body)).status).toBe(401);
    }
    expect((await s.db.handover.findUniqueOrThrow({ where: { id: open.id } })).status).toBe('open');
  });
});
