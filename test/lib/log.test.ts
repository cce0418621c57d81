// Logs never carry a worker's phone number, however it was written.
import { describe, expect, it } from 'vitest';
import { FakeClock } from '../../lib/clock.ts';
import { createLogger, maskPhones } from '../../lib/log.ts';

describe('phone masking in logs', () => {
  it.each([
    ['+8613812345678', '+86138****5678'],
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138 **** 5678'],
    ['+86 139-1234-5678', '+86 139-****-5678'],
    ['８６１３９１２３４５６７８', '８６１３９****５６７８'],
    ['１３９１２３４５６７８', '１３９****５６７８'],
    ['电话13912345678谢谢', '电话139****5678谢谢'],
    ['+1 415 555 2671', '+1 41* *** 2671'],
    ['+15005550006', '+150****0006'],
  ])('masks %s', (raw, masked) => {
    expect(maskPhones(raw)).toBe(masked);
  });

  it.each(['2026-12-03T19:08:40.815Z', 'id 12345', 'posting 1234 of 5678', 'P0372', '4000-5000元/月'])('leaves %s alone', (text) => {
    expect(maskPhones(text)).toBe(text);
  });

  it('masks numbers inside the JSON line, stamped by the injected clock', () => {
    const lines: string[] = [];
    const log = createLogger('info', {}, (l) => lines.push(l), new FakeClock(new Date('2027-01-02T03:04:05Z')));
    log.info('sms from 138 1234 5678', { to: '+86 139-1234-5678' });
    expect(lines[0]).not.toMatch(/1234/);
    expect(JSON.parse(lines[0])).toMatchObject({ time: '2027-01-02T03:04:05.000Z', msg: 'sms from 138 **** 5678', to: '+86 139-****-5678' });
  });
});
