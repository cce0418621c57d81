// Opening hand-overs as the chat will: one per identity at a time, and the phrase that tells the
// worker when staff answer, at times of day and week set on the test clock (never the real date).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.ts';
import { Handovers } from '../../handover/handovers.ts';
import { answerBy, DEFAULT_STAFF_HOURS, parseStaffHours } from '../../handover/staff-hours.ts';
import { FakeClock } from '../../lib/clock.ts';
import { freshDb, type TestDb } from '../support/db.ts';

let t: TestDb;
const clock = new FakeClock(new Date('2026-12-01T02:00:00Z')); // Tuesday 10:00 in Huishui
let handovers: Handovers;
let worker: { id: number; identityId: number; other: number };

beforeAll(async () => {
  t = await freshDb();
  handovers = new Handovers(t.db, clock);
  const w = await t.db.worker.create({
    data: {
      identities: {
        create: [
          { channel: 'sms', address: '+8613900000001' },
          { channel: 'web', address: 'w-1' },
        ],
      },
    },
    include: { identities: true },
  });
  worker = { id: w.id, identityId: w.identities[0].id, other: w.identities[1].id };
});
afterAll(async () => {
  await t.cleanup();
});

const input = (over: Partial<Parameters<Handovers['open']>[0]> = {}) => ({
  workerId: worker.id,
  identityId: worker.identityId,
  channel: 'sms',
  address: '+8613900000001',
  reason: 'not_understood' as const,
  lastText: '我的社保卡丢了',
  ...over,
});

describe('Handovers.open', () => {
  it('opens one per identity: a second request reuses it with the new words, and asks again', async () => {
    clock.set('2026-12-01T02:00:00Z');
    const first = await handovers.open(input());
    expect(first).toEqual({ id: expect.any(Number), created: true, answerBy: '1小时内' });
    expect(await handovers.isOpen(worker.identityId)).toBe(true);
    expect(await handovers.isOpen(worker.other)).toBe(false);

    clock.advance(60_000);
    const second = await handovers.open(input({ reason: 'asked', lastText: '找人工' }));
    expect(second).toMatchObject({ id: first.id, created: false });
    const row = await t.db.handover.findUniqueOrThrow({ where: { id: first.id } });
    expect(row).toMatchObject({ lastText: '找人工', reason: 'asked', status: 'open', createdAt: new Date('2026-12-01T02:00:00Z'), updatedAt: new Date('2026-12-01T02:01:00Z') });

    // The same worker on another channel is another conversation.
    const web = await handovers.open(input({ identityId: worker.other, channel: 'web', address: 'w-1' }));
    expect(web.created).toBe(true);
    expect(await t.db.handover.count({ where: { workerId: worker.id } })).toBe(2);
  });

  it('an answered hand-over is reused and open again; a closed one is not', async () => {
    const { id } = await handovers.open(input());
    await t.db.handover.update({ where: { id }, data: { status: 'answered' } });
    expect(await handovers.isOpen(worker.identityId)).toBe(true);
    expect(await handovers.open(input({ lastText: '还有一个问题' }))).toMatchObject({ id, created: false });
    expect((await t.db.handover.findUniqueOrThrow({ where: { id } })).status).toBe('open');

    expect((await handovers.close(id))?.status).toBe('closed');
    expect(await handovers.isOpen(worker.identityId)).toBe(false);
    const next = await handovers.open(input());
    expect(next.created).toBe(true);
    expect(next.id).not.toBe(id);
    expect(await handovers.close(2147483647)).toBeNull();
  });

  it('two requests of the same identity at once make one hand-over', async () => {
    const w = await t.db.worker.create({ data: { identities: { create: { channel: 'telegram', address: '555' } } }, include: { identities: true } });
    const same = { workerId: w.id, identityId: w.identities[0].id, channel: 'telegram', address: '555', reason: 'asked' as const, lastText: '人工' };
    const opened = await Promise.all([handovers.open(same), handovers.open(same), handovers.open(same)]);
    expect(new Set(opened.map((o) => o.id)).size).toBe(1);
    expect(opened.filter((o) => o.created)).toHaveLength(1);
    expect(await t.db.handover.count({ where: { workerId: w.id } })).toBe(1);
  });

  it('keeps at most 500 characters of what the worker wrote, cut between characters', async () => {
    const w = await t.db.worker.create({ data: {} });
    const { id } = await handovers.open({ workerId: w.id, identityId: null, channel: 'web', address: 'w-2', reason: 'asked', lastText: '😀'.repeat(600) });
    expect(Array.from((await t.db.handover.findUniqueOrThrow({ where: { id } })).lastText)).toEqual(Array(500).fill('😀'));
  });
});

describe('when staff answer', () => {
  const AT: [string, string, string][] = [
    ['2026-12-01T02:00:00Z', 'Tuesday 10:00', '1小时内'],
    ['2026-12-01T01:00:00Z', 'Tuesday 09:00', '1小时内'],
    ['2026-12-01T09:59:00Z', 'Tuesday 17:59', '1小时内'],
    ['2026-11-30T23:30:00Z', 'Tuesday 07:30', '今天9点后'],
    ['2026-11-30T16:05:00Z', 'Tuesday 00:05', '今天9点后'],
    ['2026-12-01T10:00:00Z', 'Tuesday 18:00', '明天9点后'],
    ['2026-12-01T15:00:00Z', 'Tuesday 23:00', '明天9点后'],
    ['2026-12-05T03:00:00Z', 'Saturday 11:00', '1小时内'],
    ['2026-12-05T11:00:00Z', 'Saturday 19:00', '周一9点后'],
    ['2026-12-06T02:00:00Z', 'Sunday 10:00', '明天9点后'],
  ];
  it.each(AT)('at %s (%s in Huishui): %s', async (at, _local, phrase) => {
    expect(answerBy(new Date(at), DEFAULT_STAFF_HOURS, 'Asia/Shanghai')).toBe(phrase);
    clock.set(at);
    const w = await t.db.worker.create({ data: {} });
    expect((await handovers.open({ workerId: w.id, identityId: null, channel: 'web', address: `w-${at}`, reason: 'asked', lastText: '人工' })).answerBy).toBe(phrase);
  });

  it('follows STAFF_HOURS', () => {
    const weekdays = parseStaffHours('1-5 08:30-17:00');
    expect(weekdays).toEqual({ days: [1, 2, 3, 4, 5], start: 510, end: 1020 });
    if (typeof weekdays === 'string') return;
    expect(answerBy(new Date('2026-12-04T09:30:00Z'), weekdays, 'Asia/Shanghai')).toBe('周一8点30分后'); // Friday 17:30
    expect(answerBy(new Date('2026-12-01T00:15:00Z'), weekdays, 'Asia/Shanghai')).toBe('今天8点30分后');
    const sundays = parseStaffHours('7 10:00-12:00');
    if (typeof sundays === 'string') throw new Error(sundays);
    expect(sundays.days).toEqual([0]);
    expect(answerBy(new Date('2026-12-06T05:00:00Z'), sundays, 'Asia/Shanghai')).toBe('下周日10点后'); // Sunday 13:00
    expect(parseStaffHours('1-5,7 9:00-18:00')).toMatchObject({ days: [0, 1, 2, 3, 4, 5] });
    const hours = loadConfig({ STAFF_HOURS: '1-5 08:30-17:00' }).staffHours;
    expect(hours).toEqual(weekdays);
    expect(loadConfig({}).staffHours).toEqual(DEFAULT_STAFF_HOURS);
  });

  it('a malformed STAFF_HOURS stops the start with a reason that names it', () => {
    for (const bad of ['9-18', 'Mon-Sat 09:00-18:00', '1-6 18:00-09:00', '6-1 09:00-18:00', '1-8 09:00-18:00', '1-6 25:00-26:00', '1-6 09:00']) {
      try {
        loadConfig({ STAFF_HOURS: bad });
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as Error).message).toContain(`STAFF_HOURS=${bad}`);
        expect((e as Error).message).toContain('1-6 09:00-18:00');
      }
    }
  });
});
