// Job-fair reminders end to end: staff API, the conversation, the outbox, a fake clock and a
// local stand-in of Twilio's REST API.

import { SegmentedMessage } from 'sms-segments-calculator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { reminderTimes, renderCancellation, renderReminder } from '../../delivery/reminders.ts';
import { smsSegments } from '../../lib/sms.ts';
import { FakeTwilio } from '../support/fake-twilio.ts';
import { startTestService, type TestService } from '../support/service.ts';

describe('reminder times (pure)', () => {
  it('3 days before at 10:00, the day before at 19:00, 2 hours before, in the fair time zone', () => {
    const t = reminderTimes(new Date('2026-12-14T09:00:00+08:00'), 'Asia/Shanghai');
    expect(t.map((x) => [x.key, x.at.toISOString()])).toEqual([
      ['d3', '2026-12-11T02:00:00.000Z'],
      ['d1', '2026-12-13T11:00:00.000Z'],
      ['h2', '2026-12-13T23:00:00.000Z'],
    ]);
  });

  it('follows the fair zone across a month boundary and another zone', () => {
    const t = reminderTimes(new Date('2027-03-01T09:00:00+01:00'), 'Europe/Berlin');
    expect(t[0].at.toISOString()).toBe('2027-02-26T09:00:00.000Z'); // 10:00 CET
  });

  it('fits two UCS-2 segments and says what, where, when, and how to stop', () => {
    const fair = {
      name: '惠水—荔湾劳务协作专场招聘会（2026年冬季返乡就业大型专场）',
      venue: '惠水县人力资源市场（涟江街道和平路188号二楼大厅）',
      startsAt: new Date('2026-12-14T01:00:00Z'),
      timeZone: 'Asia/Shanghai',
    };
    for (const key of ['d3', 'd1', 'h2']) {
      const text = renderReminder(fair, key, 12);
      expect(smsSegments(text).segments).toBeLessThanOrEqual(2);
      expect(text).toContain('TD退订');
      expect(text).toContain('9点');
      expect(text).toMatch(/12个(岗位)?适合你/);
    }
    expect(renderReminder(fair, 'd1', null)).toContain('明天9点');
  });

  it('fits two segments as the carrier counts them when names carry characters outside the BMP, and keeps 退订', () => {
    const startsAt = new Date('2026-12-14T01:00:00Z');
    for (let n = 20; n <= 90; n++) {
      for (const at of [0, Math.floor(n / 2), n - 1]) {
        const name = `${'中'.repeat(at)}𠮷${'中'.repeat(n - at)}招聘会`;
        for (const text of [
          renderReminder({ name, venue: '𡈽'.repeat(n % 30), startsAt, timeZone: 'Asia/Shanghai' }, 'd3', 12),
          renderCancellation({ name, startsAt, timeZone: 'Asia/Shanghai' }),
        ]) {
          expect(new SegmentedMessage(text).segmentsCount, text).toBeLessThanOrEqual(2);
          expect(text).toMatch(/TD退订$/);
          expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
        }
      }
    }
  }, 180_000);
});

describe('reminders through the service', () => {
  let s: TestService;
  let twilio: FakeTwilio;
  let token: string;
  let fairId: number;
  const A = '+8613800000011';
  const B = '+8613800000012';
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${s.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body ? JSON.stringify(body) : undefined }).then(
      async (r) => ({ status: r.status, body: await r.json() }),
    );
  const sms = (from: string, text: string) => s.engine.handle({ channel: 'sms', address: from, text });

  beforeAll(async () => {
    twilio = await new FakeTwilio().start();
    s = await startTestService({
      TWILIO_ACCOUNT_SID: 'AC' + '1'.repeat(32),
      TWILIO_AUTH_TOKEN: 'tok',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: twilio.url,
      SMS_PER_SECOND: '1000',
    });
    token = (await createUser(s.db, { name: '就业局', role: 'staff' })).token;
  });
  afterAll(async () => {
    await s.close();
    await twilio.stop();
  });

  it('staff create a fair through the API', async () => {
    const welders = await s.db.posting.findMany({ where: { occupationCode: '6-18-02-04' }, select: { id: true } });
    const r = await api('POST', '/api/fairs', {
      name: '冬季专场招聘会',
      venue: '惠水县人力资源市场',
      startsAt: '2026-12-14T09:00:00+08:00',
      endsAt: '2026-12-14T16:00:00+08:00',
      postingIds: welders.map((w) => w.id),
      buses: [{ place: '好花红镇', departsAt: '2026-12-14T08:00:00+08:00' }],
    });
    expect(r.status).toBe(201);
    fairId = r.body.id;
    expect(r.body._count.postings).toBe(welders.length);
  });

  it('refuses bad fair input and missing tokens', async () => {
    expect((await api('POST', '/api/fairs', { name: 'x', venue: 'y', startsAt: '2026-12-14 09:00', endsAt: '2026-12-14T16:00:00+08:00' })).status).toBe(400);
    expect((await api('POST', '/api/fairs', { name: 'x', venue: 'y', startsAt: '2026-12-14T09:00:00+08:00', endsAt: '2026-12-14T08:00:00+08:00' })).status).toBe(400);
    const anon = await fetch(`${s.url}/api/fairs`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(anon.status).toBe(401);
  });

  it('workers subscribe by SMS with one digit; one of them says 退订 before the first reminder', async () => {
    await sms(A, '焊工');
    expect((await sms(A, `/start fair_${fairId}`)).replies[0].text).toContain('冬季专场招聘会');
    expect((await sms(A, '1')).replies[0].text).toContain('已报名');
    await sms(B, `/start fair_${fairId}`);
    await sms(B, '1');
    expect(await s.db.outboundMessage.count({ where: { kind: 'reminder', topic: `fair:${fairId}` } })).toBe(6);
    expect((await sms(B, '退订')).replies[0].text).toContain('已退订');
  });

  it('sends the first reminder at its minute, to the subscriber who did not opt out, once', async () => {
    s.clock.set('2026-12-11T01:59:00Z');
    expect((await s.outbox.drain()).sent).toBe(0);
    s.clock.set('2026-12-11T02:00:00Z');
    const stats = await s.outbox.drain();
    expect(stats.sent).toBe(1);
    expect(stats.cancelled).toBe(1);
    expect(twilio.sent).toHaveLength(1);
    expect(twilio.sent[0].To).toBe(A);
    expect(twilio.sent[0].Body).toContain('冬季专场招聘会');
    expect(twilio.sent[0].Body).toMatch(/\d+个(岗位)?适合你/);
    expect((await s.outbox.drain()).sent).toBe(0);
  });

  it('a moved fair: the old reminders are not sent, the new ones are', async () => {
    const r = await api('PATCH', `/api/fairs/${fairId}`, { startsAt: '2026-12-15T09:00:00+08:00', endsAt: '2026-12-15T16:00:00+08:00' });
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(2);
    s.clock.set('2026-12-13T11:00:00Z'); // the old "day before": only the new "3 days before" is due
    await s.outbox.drain();
    expect(twilio.sent.map((m) => m.Body.slice(0, 20))).toEqual([expect.stringContaining('12月14日'), expect.stringContaining('12月15日')]);
    s.clock.set('2026-12-14T11:00:00Z'); // the new "day before"
    await s.outbox.drain();
    expect(twilio.sent).toHaveLength(3);
    expect(twilio.sent[2].Body).toContain('明天9点');
  });

  it('counts confirmations for staff', async () => {
    expect((await sms(A, '去')).replies[0].text).toContain('到时见');
    const r = await api('GET', `/api/fairs/${fairId}/stats`);
    expect(r.body.subscribed).toBe(2);
    expect(r.body.confirmed).toBe(1);
    expect(r.body.reminders.sent).toBe(3);
  });

  it('a cancelled fair sends one cancellation instead of the last reminder', async () => {
    const r = await api('POST', `/api/fairs/${fairId}/cancel`);
    expect(r.status).toBe(200);
    expect(r.body.notices).toBe(2);
    s.clock.set('2026-12-15T01:00:00Z'); // the 2-hour reminder's time, and after quiet hours
    await s.outbox.drain();
    expect(twilio.sent).toHaveLength(4);
    expect(twilio.sent[3].Body).toContain('取消');
    expect(twilio.sent[3].To).toBe(A);
    const again = await api('POST', `/api/fairs/${fairId}/cancel`);
    expect(again.body.notices).toBe(0);
  });
});
