// The indexes that make a search fast (by trade, by place, the early stop after a guessed trade)
// must never change what a search finds: on a generated corpus, every search equals a scan of
// every posting with the same scoring.
import { beforeAll, describe, expect, it } from 'vitest';
import { corpus, queries } from '../../bench/corpus.ts';
import { Matcher } from '../../matching/index.ts';
import { postingConditions } from '../../matching/parse/posting-conditions.ts';
import { cosine } from '../../matching/embed/embedder.ts';
import { scorePosting } from '../../matching/rank.ts';
import type { QueryIntent, RawPosting } from '../../matching/types.ts';

let matcher: Matcher;
let postings: RawPosting[];
beforeAll(async () => {
  postings = corpus(3000, 5);
  // The project's own embedding model: text similarity is part of the score the indexes must keep.
  matcher = await Matcher.fromPostings(postings);
});

function scan(intent: QueryIntent, qv: Float32Array, home: string | null, top: number): string[] {
  const at = matcher.gazetteer.homeTown(home);
  const scored: { id: string; score: number }[] = [];
  for (const p of postings) {
    const f = matcher.featuresOf(p.id)!;
    const v = matcher.vectorOf(p.id);
    const s = scorePosting(f, postingConditions(p, f), intent, at, matcher.lexicon, v ? Math.max(0, cosine(qv, v)) : 0);
    if (s) scored.push({ id: p.id, score: s.score });
  }
  scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return scored.slice(0, top).map((s) => s.id);
}

describe('search indexes', () => {
  it('find exactly what a scan of every posting finds', async () => {
    const qs = queries(150, 3);
    let nonEmpty = 0;
    let guessed = 0;
    for (const [n, q] of qs.entries()) {
      const intent = matcher.understand({ text: q.text, home: q.home });
      // Every other search as if its trade word were only guessed (by sound or meaning), weakly or
      // strongly: the early stop after a guessed trade's postings must not drop a better posting.
      if (n % 2 === 0) intent.trades = [{ code: ['6-18-02-04', '4-07-05-01', '4-03-02-01'][n % 3], weight: 0.1 + (n % 5) / 10, term: '', guessed: true }];
      if (intent.trades.some((t) => t.guessed)) guessed++;
      const [qv] = await matcher.embedder!.embed([q.text]);
      const found = matcher.searchIntent(structuredClone(intent), q.home, { top: 10 }, qv).map((r) => r.postingId);
      expect(found, q.text).toEqual(scan(intent, qv, q.home, 10));
      if (found.length) nonEmpty++;
    }
    // The comparison means something only if most searches find postings, and some guess.
    expect(nonEmpty).toBeGreaterThan(100);
    expect(guessed).toBeGreaterThan(60);
  });

  it('forget a removed posting in every index', async () => {
    const q = { text: '电焊 广州', home: '好花红镇' };
    const [first] = await matcher.search(q, { top: 1 });
    expect(first).toBeDefined();
    matcher.remove(first.postingId);
    const after = (await matcher.search(q, { top: 50 })).map((r) => r.postingId);
    expect(after).not.toContain(first.postingId);
  });
});
