// The SMS channel with the real twilio library on both sides: requests signed with its own
// signature function, replies sent with its REST client to a local stand-in of the API.
import twilio from 'twilio';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../delivery/outbox.ts';
import { smsSegments } from '../../lib/sms.ts';
import { FakeTwilio } from '../support/fake-twilio.ts';
import { startTestService, type TestService } from '../support/service.ts';

const TOKEN = 'test-auth-token';
const PUBLIC = 'https://jobs.example.org';
let s: TestService;
let api: FakeTwilio;
let n = 0;

beforeAll(async () => {
  api = await new FakeTwilio().start();
  s = await startTestService({
    TWILIO_ACCOUNT_SID: 'AC' + 'a'.repeat(32),
    TWILIO_AUTH_TOKEN: TOKEN,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE: api.url,
    PUBLIC_URL: PUBLIC,
    SMS_PER_SECOND: '1000',
  });
});
afterAll(async () => {
  await s.close();
  await api.stop();
});
beforeEach(() => {
  api.sent.length = 0;
});

async function post(path: string, params: Record<string, string>, signature?: string) {
  const sig = signature ?? twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}${path}`, params);
  return fetch(`${s.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sig },
    body: new URLSearchParams(params).toString(),
  });
}

const inbound = (from: string, body: string, sid = `SM${String(++n).padStart(32, '0')}`) =>
  post('/webhooks/twilio/sms', { MessageSid: sid, AccountSid: 'AC' + 'a'.repeat(32), From: from, To: '+15005550006', Body: body, NumSegments: '1' });

/** Texts a message, drains the outbox, returns what the worker received. */
async function text(from: string, body: string): Promise<string[]> {
  const before = api.sent.length;
  const res = await inbound(from, body);
  expect(res.status).toBe(200);
  await s.outbox.drain();
  return api.sent
    .slice(before)
    .filter((m) => m.To === from)
    .map((m) => m.Body);
}

describe('inbound SMS', () => {
  it('answers at once with empty TwiML and sends the shortlist through the REST API', async () => {
    const res = await inbound('+8613811110001', '焊工');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('xml');
    expect(await res.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    await s.outbox.drain();
    const [reply] = api.sent;
    expect(reply.To).toBe('+8613811110001');
    expect(reply.From).toBe('+15005550006');
    expect(reply.StatusCallback).toBe(`${PUBLIC}/webhooks/twilio/status`);
    expect(reply.Body).toMatch(/1\..+\n2\..+\n3\./);
    expect(reply.Body).toContain('回1/2/3看详情');
    expect(smsSegments(reply.Body).segments).toBeLessThanOrEqual(2);
    expect(reply.Body).not.toMatch(/https?:|[*_`]/);
  });

  it.each(['焊工 广州 6000', '保洁', '找工作', '帮助', '招聘会', '进厂 包吃住', 'baojie guangzhou'])('keeps "%s" within two UCS-2 segments', async (q) => {
    for (const body of await text('+8613811110002', q)) {
      expect(smsSegments(body).encoding).toBe('UCS-2');
      expect(smsSegments(body).segments).toBeLessThanOrEqual(2);
    }
  });

  it('refuses a forged or missing signature with 403 and stores nothing', async () => {
    const before = await s.db.inboundMessage.count();
    expect((await post('/webhooks/twilio/sms', { MessageSid: 'SMforged', From: '+8613811110003', Body: '焊工' }, 'bm90IGEgc2lnbmF0dXJl')).status).toBe(403);
    const unsigned = await fetch(`${s.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'MessageSid=SMx&From=%2B8613811110003&Body=hi',
    });
    expect(unsigned.status).toBe(403);
    // Signed for other parameters than those sent: also forged.
    const sig = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/webhooks/twilio/sms`, { MessageSid: 'SMy', From: '+8613811110003', Body: '焊工' });
    expect((await post('/webhooks/twilio/sms', { MessageSid: 'SMy', From: '+8613811110003', Body: '保安' }, sig)).status).toBe(403);
    expect(await s.db.inboundMessage.count()).toBe(before);
  });

  it('a retried webhook (same MessageSid) produces no second reply', async () => {
    await inbound('+8613811110004', '保安', 'SMretry0000000000000000000000000001');
    await inbound('+8613811110004', '保安', 'SMretry0000000000000000000000000001');
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.To === '+8613811110004')).toHaveLength(1);
  });

  it('texting 1 after a shortlist records interest and asks about sharing the phone', async () => {
    await text('+8613811110005', '焊工');
    const [details] = await text('+8613811110005', '1');
    expect(details).toContain('回复1我要报名 2返回');
    const [ack] = await text('+8613811110005', '1');
    expect(ack).toContain('已报名：');
    expect(ack).toContain('回复1同意 2不同意');
    const [ok] = await text('+8613811110005', '1');
    expect(ok).toContain('公司会尽快联系你'); // the number is known on SMS: no need to ask for it
    const w = await s.db.identity.findUniqueOrThrow({
      where: { channel_address: { channel: 'sms', address: '+8613811110005' } },
      include: { worker: { include: { interests: true } } },
    });
    expect(w.worker.interests[0].consent).toBe('granted');
  });

  it('HELP and 帮助 say what the service is and how to stop', async () => {
    for (const word of ['HELP', '帮助', 'ｈｅｌｐ']) {
      const [r] = await text('+8613811110006', word);
      expect(r).toContain('退订');
    }
  });

  it('STOP/退订/TD opt out of everything: one confirmation, then silence and no reminders until START', async () => {
    const from = '+8613811110007';
    await text(from, '焊工');
    for (const word of ['td']) {
      const replies = await text(from, word);
      expect(replies).toHaveLength(1);
      expect(replies[0]).toContain('已退订');
    }
    expect(await text(from, '焊工')).toEqual([]);
    const w = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'sms', address: from } } });
    const before = api.sent.length;
    await enqueue(s.db, s.clock, [{ idempotencyKey: 'fair-notice-after-stop', channel: 'sms', recipient: from, body: '招聘会提醒', kind: 'reminder', workerId: w.workerId }]);
    s.clock.set('2026-12-01T03:00:00Z');
    await s.outbox.drain();
    expect(api.sent.slice(before)).toHaveLength(0);
    expect((await s.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'fair-notice-after-stop' } })).state).toBe('cancelled');
    const [back] = await text(from, 'START');
    expect(back).toContain('已恢复');
    expect((await text(from, '退订'))[0]).toContain('已退订');
    expect((await text(from, '订阅'))[0]).toContain('已恢复');
  });

  it('a number that opted out can still have its data deleted', async () => {
    const from = '+8613811110017';
    await text(from, '焊工');
    expect((await text(from, '退订'))[0]).toContain('已退订');
    const [ask] = await text(from, '删除我的信息');
    expect(ask).toMatch(/删除/);
    const [done] = await text(from, '1');
    expect(done).toContain('已删除');
    expect(await s.db.identity.count({ where: { address: from } })).toBe(0);
  });

  it('refuses a signed request that is not a form (JSON), and repeated parameters, without a 500', async () => {
    const sig = twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/webhooks/twilio/sms`, {});
    const json = await fetch(`${s.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': sig },
      body: JSON.stringify({ MessageSid: 'SMjson', From: '+8613811110031', Body: '焊工' }),
    });
    expect(json.status).toBe(415);
    const body = 'MessageSid=SMrep&From=%2B8613811110032&Body=a&Body=b';
    const params = { MessageSid: 'SMrep', From: '+8613811110032', Body: ['a', 'b'] } as unknown as Record<string, string>;
    const repeated = await fetch(`${s.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilio.getExpectedTwilioSignature(TOKEN, `${PUBLIC}/webhooks/twilio/sms`, params) },
      body,
    });
    expect([400, 403]).toContain(repeated.status);
    expect(await s.db.inboundMessage.count({ where: { providerId: { in: ['SMjson', 'SMrep'] } } })).toBe(0);
  });

  it('rejects a request without a sender', async () => {
    expect((await post('/webhooks/twilio/sms', { MessageSid: 'SMnofrom', Body: 'x' })).status).toBe(400);
  });
});

describe('delivery status and provider errors', () => {
  it('status callbacks update the message record; forged ones are refused', async () => {
    await text('+8613811110008', '保洁');
    const row = await s.db.outboundMessage.findFirstOrThrow({ where: { recipient: '+8613811110008' } });
    expect(row.providerId).toMatch(/^SM/);
    for (const status of ['sent', 'delivered']) {
      const res = await post('/webhooks/twilio/status', { MessageSid: row.providerId!, MessageStatus: status, To: '+8613811110008' });
      expect(res.status).toBe(204);
      expect((await s.db.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).providerStatus).toBe(status);
    }
    expect((await post('/webhooks/twilio/status', { MessageSid: row.providerId!, MessageStatus: 'failed' }, 'forged')).status).toBe(403);
    expect((await s.db.outboundMessage.findUniqueOrThrow({ where: { id: row.id } })).providerStatus).toBe('delivered');
  });

  it('429 then success: the reply arrives once, after the wait', async () => {
    api.respond({ status: 429, retryAfter: 2 });
    await inbound('+8613811110009', '保安');
    await s.outbox.drain();
    expect(api.sent).toHaveLength(0);
    s.clock.advance(2000);
    await s.outbox.drain();
    expect(api.sent.filter((m) => m.To === '+8613811110009')).toHaveLength(1);
  });

  it('error 21610 on send marks the number opted out', async () => {
    api.respond({ status: 400, code: 21610, message: 'Attempt to send to unsubscribed recipient' });
    await inbound('+8613811110010', '保安');
    await s.outbox.drain();
    const row = await s.db.outboundMessage.findFirstOrThrow({ where: { recipient: '+8613811110010' } });
    expect(row.state).toBe('failed');
    expect(row.lastError).toContain('21610');
    const id = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'sms', address: '+8613811110010' } }, include: { worker: true } });
    expect(id.optedOut).toBe(true);
    expect(id.worker.optedOut).toBe(true);
  });
});
