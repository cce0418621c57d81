// Engine replies rendered for SMS stay within two segments as Twilio's calculator counts them,
// however long the list and whatever emoji or rare characters the postings carry.
import { SegmentedMessage } from 'sms-segments-calculator';
import { describe, expect, it } from 'vitest';
import type { JobCard } from '../../bot/reply.ts';
import { renderSms } from '../../webhooks/twilio/render.ts';
import { LONE_SURROGATE, replyLikeText, rng } from '../support/random-texts.ts';

const segments = (t: string) => new SegmentedMessage(t).segmentsCount;
const EMOJI = /\p{Extended_Pictographic}/u;

describe('renderSms', () => {
  it('a reply of 66 Chinese characters, a rare character outside the BMP and 66 more is cut to two segments', () => {
    const [{ body }] = renderSms({ text: `${'中'.repeat(66)}𠮷${'中'.repeat(66)}` });
    expect(segments(body)).toBeLessThanOrEqual(2);
    expect(body).not.toMatch(LONE_SURROGATE);
  });

  it('keeps the choice line whole and cuts the question instead', () => {
    const [{ body }] = renderSms({
      text: `${'中'.repeat(66)}𠮷${'中'.repeat(66)}`,
      choices: [
        { id: '1', label: '同意' },
        { id: '2', label: '不同意' },
      ],
    });
    expect(segments(body)).toBeLessThanOrEqual(2);
    expect(body).toMatch(/…\n回复1同意 2不同意$/);
  });

  it('never emits more than two segments for 200 seeded long result lists with emoji, and keeps every job and the reply line', () => {
    const next = rng(42);
    const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
    for (let i = 0; i < 200; i++) {
      const count = 3 + Math.floor(next() * 3);
      const cards: JobCard[] = Array.from({ length: count }, (_, k) => ({
        n: k + 1,
        postingId: k,
        title: Array.from(replyLikeText(next))
          .slice(0, 4 + Math.floor(next() * 20))
          .join(''),
        employer: '惠水某厂',
        place: pick(['惠州沥林', '离家3公里', '惠水县城', '广州白云📍', '𠮷林𡈽村']),
        pay: pick(['8000-1.2万/月', '200元/天', '25元/时', '计件6000起', '面议💰']),
        note: pick(['对口', '包吃住', '']),
      }));
      const more = next() < 0.5;
      const [{ body }] = renderSms({ text: `${replyLikeText(next)}\n第二行`, cards, choices: more ? [{ id: '4', label: '更多' }] : [] });
      expect(segments(body), body).toBeLessThanOrEqual(2);
      expect(body).not.toMatch(LONE_SURROGATE);
      expect(body).not.toMatch(EMOJI);
      for (const c of cards) expect(body).toContain(`\n${c.n}.`);
      expect(body.endsWith(`\n回${cards.map((c) => c.n).join('/')}看详情${more ? ' 4更多' : ''} 5换地方`)).toBe(true);
    }
  }, 180_000);
});
