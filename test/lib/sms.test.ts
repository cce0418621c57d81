// SMS segments as Twilio's calculator counts them, and cutting to fit that count.
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import { fitSegments, smsSegments } from '../../lib/sms.ts';
import { LONE_SURROGATE, replyLikeText, rng } from '../support/random-texts.ts';

const carrier = (t: string) => new SegmentedMessage(t).segmentsCount;
const texts = (seed: number, n: number) => {
  const next = rng(seed);
  return Array.from({ length: n }, () => replyLikeText(next));
};

describe('smsSegments', () => {
  it('66 Chinese characters, 📍, 66 more: three segments, since a segment cannot split the pin', () => {
    const t = `${'中'.repeat(66)}📍${'中'.repeat(66)}`;
    expect(t.length).toBe(134); // two segments by a count of UTF-16 units alone
    expect(smsSegments(t)).toMatchObject({ encoding: 'UCS-2', segments: 3 });
  });

  it('agrees with the calculator on 3,000 seeded reply-like texts, boundary cases included', () => {
    const sample = texts(20261201, 3000);
    // The sample must hold the cases a plain unit count gets wrong, or agreeing proves little.
    const naive = (encoding: string, units: number) => {
      const [single, split] = encoding === 'GSM-7' ? [160, 153] : [70, 67];
      return units <= single ? 1 : Math.ceil(units / split);
    };
    let hard = 0;
    const differ = sample.filter((t) => {
      const s = smsSegments(t);
      const m = new SegmentedMessage(t);
      if (naive(m.encodingName, m.messageSize / (m.encodingName === 'GSM-7' ? 7 : 16)) !== m.segmentsCount) hard++;
      return s.segments !== m.segmentsCount || s.encoding !== m.encodingName;
    });
    expect(hard).toBeGreaterThan(3);
    expect(differ).toEqual([]);
  }, 180_000);

  it('counts GSM-7 text and its escaped characters as GSM-7', () => {
    expect(smsSegments('a'.repeat(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments(`${'a'.repeat(159)}€`)).toMatchObject({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments('')).toMatchObject({ segments: 1 });
  });
});

describe('fitSegments', () => {
  it('cuts 66+📍+66 to two segments without splitting the pin', () => {
    const t = `${'中'.repeat(66)}📍${'中'.repeat(66)}`;
    const fit = fitSegments(t, 2);
    expect(carrier(fit)).toBe(2);
    expect(fit).toMatch(/…$/);
    expect(fit).not.toMatch(LONE_SURROGATE);
  });

  it('on 300 seeded texts: fits, cuts only between graphemes, keeps as much as fits, keeps the tail whole', () => {
    const sample = texts(7, 300);
    for (const [i, t] of sample.entries()) {
      const n = 1 + (i % 3);
      const keep = i % 2 ? '\n回复1同意 2不同意' : '';
      const fit = fitSegments(t, n, keep);
      expect(carrier(fit), fit).toBeLessThanOrEqual(n);
      expect(fit).not.toMatch(LONE_SURROGATE);
      expect(fit.endsWith(keep)).toBe(true);
      if (carrier(t + keep) <= n) {
        expect(fit).toBe(t + keep);
        continue;
      }
      const dots = new SegmentedMessage(t + keep).encodingName === 'GSM-7' ? '...' : '…';
      const kept = fit.slice(0, fit.length - keep.length - dots.length);
      const g = Array.from(new Intl.Segmenter('zh', { granularity: 'grapheme' }).segment(t), (x) => x.segment);
      const prefixes = g.map((_, k) => g.slice(0, k).join('').trimEnd());
      const at = prefixes.lastIndexOf(kept);
      expect(at, `${JSON.stringify(fit)} is not a cut of ${JSON.stringify(t)}`).toBeGreaterThanOrEqual(0);
      // One grapheme more would not fit (or there is none left that is not blank).
      const more = g.slice(0, at + 1).join('');
      if (more.trimEnd() !== kept) expect(carrier(`${more.trimEnd()}${dots}${keep}`)).toBeGreaterThan(n);
    }
  }, 180_000);

  it('keeps GSM-7 text in GSM-7 when cutting', () => {
    const fit = fitSegments('Job fair at the town hall, bring your ID card. '.repeat(8), 2);
    expect(fit).toMatch(/\.\.\.$/);
    expect(smsSegments(fit)).toMatchObject({ encoding: 'GSM-7', segments: 2 });
  });
});
