// The outbox against a real database and a local stand-in of Twilio's REST API, with a fake clock.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { markOptedOut, sendGuard } from '../../delivery/guard.ts';
import { enqueue } from '../../delivery/outbox.ts';
import { RateLimiter } from '../../delivery/rate-limit.ts';
import { DEFAULT_WORKER_OPTIONS, OutboxWorker } from '../../delivery/worker.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/log.ts';
import type { Db } from '../../prisma/db.ts';
import { TwilioSender } from '../../webhooks/twilio/sender.ts';
import { freshDb, type TestDb } from '../support/db.ts';
import { FakeTwilio } from '../support/fake-twilio.ts';
import { outboxProcess } from '../support/outbox-process.ts';

const SID = 'AC' + '0'.repeat(32);
let t: TestDb;
let twilio: FakeTwilio;
let clock: FakeClock;

beforeAll(async () => {
  t = await freshDb();
  twilio = await new FakeTwilio().start();
});
afterAll(async () => {
  await twilio.stop();
  await t.cleanup();
});
beforeEach(async () => {
  clock = new FakeClock(new Date('2026-12-02T04:00:00Z')); // 12:00 in Shanghai
  twilio.sent.length = 0;
  await t.db.outboundMessage.deleteMany();
});

function worker(db: Db = t.db, limiter: RateLimiter | null = null) {
  const sender = new TwilioSender({ accountSid: SID, authToken: 'secret', from: '+15005550006', messagingServiceSid: null, apiBase: twilio.url }, null);
  return new OutboxWorker(
    db,
    [sender],
    clock,
    silentLogger,
    limiter,
    sendGuard(db),
    { ...DEFAULT_WORKER_OPTIONS, batchSize: 500 },
    markOptedOut(db, () => clock.now()),
  );
}

const notice = (key: string, extra: Partial<Parameters<typeof enqueue>[2][number]> = {}) => ({
  idempotencyKey: key,
  channel: 'sms',
  recipient: '+8613800000001',
  body: `通知 ${key}`,
  kind: 'notice' as const,
  ...extra,
});

describe('outbox', () => {
  it('sends a queued message once, and an enqueued duplicate is ignored', async () => {
    expect(await enqueue(t.db, clock, [notice('a'), notice('a')])).toBe(1);
    expect(await enqueue(t.db, clock, [notice('a')])).toBe(0);
    const s = await worker().drain();
    expect(s.sent).toBe(1);
    expect(twilio.sent.map((m) => m.Body)).toEqual(['通知 a']);
    const row = await t.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'a' } });
    expect(row.state).toBe('sent');
    expect(row.providerId).toMatch(/^SM/);
  });

  it('waits for its time', async () => {
    await enqueue(t.db, clock, [notice('later', { notBefore: new Date('2026-12-02T05:30:00Z') })]);
    const w = worker();
    clock.set('2026-12-02T05:29:59Z');
    expect((await w.drain()).sent).toBe(0);
    clock.set('2026-12-02T05:30:00Z');
    expect((await w.drain()).sent).toBe(1);
  });

  it('provider 500 twice then 201: exactly one message delivered', async () => {
    twilio.respond({ status: 500 }, { status: 500 });
    await enqueue(t.db, clock, [notice('flaky')]);
    const w = worker();
    expect((await w.drain()).retried).toBe(1);
    clock.advance(1000);
    expect((await w.drain()).retried).toBe(1);
    clock.advance(1999);
    expect((await w.drain()).sent).toBe(0); // backoff: 2 s after the second failure
    clock.advance(1);
    expect((await w.drain()).sent).toBe(1);
    expect(twilio.sent).toHaveLength(1);
    const row = await t.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'flaky' } });
    expect(row.attempts).toBe(3);
  });

  it('honours Retry-After on 429', async () => {
    twilio.respond({ status: 429, retryAfter: 30 });
    await enqueue(t.db, clock, [notice('throttled')]);
    const w = worker();
    await w.drain();
    clock.advance(29_000);
    expect((await w.drain()).sent).toBe(0);
    clock.advance(1000);
    expect((await w.drain()).sent).toBe(1);
  });

  it('gives up after the bounded number of attempts', async () => {
    twilio.respond(...Array.from({ length: 8 }, () => ({ status: 500 as const })));
    await enqueue(t.db, clock, [notice('doomed')]);
    const w = worker();
    for (let i = 0; i < 8; i++) {
      await w.drain();
      clock.advance(3600_000);
    }
    const row = await t.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'doomed' } });
    expect(row.state).toBe('failed');
    expect(row.attempts).toBe(8);
    expect(twilio.sent).toHaveLength(0);
  });

  it('fails an invalid number for good, without retry', async () => {
    twilio.respond({ status: 400, code: 21211, message: "The 'To' number is not a valid phone number." });
    await enqueue(t.db, clock, [notice('bad')]);
    await worker().drain();
    const row = await t.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'bad' } });
    expect(row.state).toBe('failed');
    expect(row.lastError).toContain('21211');
  });

  it('a process stopped between claim and send: sent after restart, once', async () => {
    await enqueue(t.db, clock, [notice('crash')]);
    // A worker claimed the row and died before sending.
    await t.db.outboundMessage.updateMany({ where: { idempotencyKey: 'crash' }, data: { state: 'sending', attempts: 1, leaseUntil: new Date(clock.now().getTime() + 60_000) } });
    const restarted = worker();
    expect((await restarted.drain()).sent).toBe(0); // its lease still holds
    clock.advance(60_001);
    expect((await restarted.drain()).sent).toBe(1);
    expect(twilio.sent).toHaveLength(1);
  });

  it('quiet hours: a notice at 22:00 is held to 08:00, a direct reply is not', async () => {
    clock.set('2026-12-02T14:00:00Z'); // 22:00 in Shanghai
    await enqueue(t.db, clock, [notice('night'), { ...notice('reply'), kind: 'reply' }]);
    const w = worker();
    const s = await w.drain();
    expect(s.sent).toBe(1);
    expect(twilio.sent[0].Body).toBe('通知 reply');
    const held = await t.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'night' } });
    expect(held.nextAttemptAt.toISOString()).toBe('2026-12-03T00:00:00.000Z'); // 08:00 next morning
    expect(held.attempts).toBe(0);
    clock.set('2026-12-02T23:59:59Z');
    expect((await w.drain()).sent).toBe(0);
    clock.set('2026-12-03T00:00:00Z');
    expect((await w.drain()).sent).toBe(1);
  });

  it('two worker processes on one queue send every row exactly once', async () => {
    const N = 120;
    // Long due whatever the date: the worker processes run on the system clock.
    await enqueue(
      t.db,
      clock,
      Array.from({ length: N }, (_, i) => notice(`race-${i}`, { notBefore: new Date('2000-01-01T00:00:00Z') })),
    );
    const env = {
      DATABASE_URL: t.url,
      TWILIO_ACCOUNT_SID: SID,
      TWILIO_AUTH_TOKEN: 'secret',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: twilio.url,
      SMS_PER_SECOND: '100000',
    };
    const [a, b] = await Promise.all([outboxProcess(env).done, outboxProcess(env).done]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const sa = JSON.parse(a.stdout.trim().split('\n').pop()!);
    const sb = JSON.parse(b.stdout.trim().split('\n').pop()!);
    expect(sa.sent + sb.sent).toBe(N);
    const bodies = twilio.sent.map((m) => m.Body);
    expect(bodies).toHaveLength(N);
    expect(new Set(bodies).size).toBe(N);
  }, 60_000);

  it('keeps to the channel rate', async () => {
    await enqueue(
      t.db,
      clock,
      Array.from({ length: 5 }, (_, i) => notice(`rate-${i}`)),
    );
    const w = worker(t.db, new RateLimiter({ sms: 1 }, clock));
    expect((await w.drain()).sent).toBe(1);
    clock.advance(1000);
    expect((await w.drain()).sent).toBe(1);
    clock.advance(500);
    expect((await w.drain()).sent).toBe(0); // one a second, no bursts
    clock.advance(500);
    expect((await w.drain()).sent).toBe(1);
  });
});
