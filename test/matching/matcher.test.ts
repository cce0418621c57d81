// The matcher end to end on the development set, and on input that must not break it.
import { beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../../matching/index.ts';
import type { RawPosting } from '../../matching/types.ts';
import { ndcgAt, readFixture, readPostings, readQrels } from '../support/dev-eval.ts';

let matcher: Matcher;
beforeAll(async () => {
  matcher = await Matcher.fromPostings(readPostings<RawPosting>());
});

describe('development set', () => {
  it('reaches nDCG@5 ≥ 0.85 and P@3 ≥ 0.85', async () => {
    const qrels = readQrels();
    const queries = readFixture<{ id: string; text: string; home: string | null }>('queries_dev_input.jsonl');
    let ndcg = 0;
    let p3 = 0;
    for (const q of queries) {
      const ranked = (await matcher.search({ text: q.text, home: q.home }, { top: 10 })).map((r) => r.postingId);
      const judged = qrels.get(q.id) ?? new Map();
      ndcg += ndcgAt(ranked, judged, 5);
      p3 += ranked.slice(0, 3).filter((id) => (judged.get(id) ?? 0) > 0).length / 3;
    }
    expect(ndcg / queries.length).toBeGreaterThanOrEqual(0.85);
    expect(p3 / queries.length).toBeGreaterThanOrEqual(0.85);
  });

  it('explains each result in plain words', async () => {
    const [first] = await matcher.search({ text: '焊工 广州 一万以上', home: '摆金镇' }, { top: 3 });
    expect(first.reasons[0]).toBe('焊工对口');
    expect(first.fit).toBe('match');
    // Heard by sound (汗工 → 焊工): first, but a guess, never called 对口.
    const [heard] = await matcher.search({ text: '汗工 广州 一万以上', home: '摆金镇' }, { top: 3 });
    expect(matcher.featuresOf(heard.postingId)?.occupation?.code).toBe('6-18-02-04');
    expect(heard.reasons[0]).toBe('焊工');
    expect(heard.fit).toBe('guess');
    expect(first.reasons.some((r) => /^在广州/.test(r))).toBe(true);
    expect(first.reasons.some((r) => /月/.test(r))).toBe(true);
    const [near] = await matcher.search({ text: '在好花红附近采茶', home: '好花红镇' }, { top: 1 });
    expect(near.reasons.some((r) => /^离家\d+公里$|^就在家附近$/.test(r))).toBe(true);
  });

  it('applies explicit wishes as filters', async () => {
    const results = await matcher.search({ text: '焊工 广州 一万以上' }, { top: 20 });
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const f = matcher.featuresOf(r.postingId)!;
      expect(f.place?.city).toBe('广州市');
      expect(f.wage!.monthlyMax!).toBeGreaterThanOrEqual(10000);
    }
  });
});

describe('bad input', () => {
  it.each([[''], ['   '], ['😀😀😀'], ['x'.repeat(100_000)], ['一天十万'], ['焊工hangong广州GZ'], ['\u0000\u0001'], ['火星 焊工']])('never throws: %s', async (text) => {
    const r = await matcher.search({ text: text.slice(0, 100_000), home: '不存在镇' }, { top: 5 });
    expect(Array.isArray(r)).toBe(true);
  });

  it('ignores an absurd wage wish instead of believing it', async () => {
    const r = await matcher.search({ text: '焊工 一天十万' }, { top: 5 });
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x.reasons[0] === '焊工对口')).toBe(true);
  });

  it('returns an empty list when nothing fits', async () => {
    expect(await matcher.search({ text: '焊工 哈尔滨' }, { top: 5 })).toEqual([]);
  });
});
