// The matcher: understands postings once, then answers worker queries fast.
//   const m = await Matcher.fromPostings(raw);
//   await m.search({ text: '汗工 广州 一万以上', home: '摆金镇' }, { top: 3 });
import { explainResult } from './explain-result.ts';
import { postingFeatures } from './features.ts';
import { Gazetteer } from './geo.ts';
import { TradeLexicon } from './parse/occupation.ts';
import { normaliseText, parseQuery } from './parse/query.ts';
import { scorePosting, type Scored } from './rank.ts';
import type { PostingFeatures, QueryIntent, RawPosting, SearchQuery, SearchResult } from './types.ts';

export type { PostingFeatures, QueryIntent, RawPosting, SearchQuery, SearchResult } from './types.ts';

export interface MatcherOptions {
  gazetteer?: Gazetteer;
  lexicon?: TradeLexicon;
  /** Features already derived (e.g. stored in the database), by posting id. */
  features?: Map<string, PostingFeatures>;
}

export interface SearchOptions {
  top?: number;
}

/** Longest message the matcher reads; the rest of a pasted essay adds nothing but time. */
const MAX_QUERY_CHARS = 200;

export class Matcher {
  private readonly postings: RawPosting[] = [];
  private readonly features: PostingFeatures[] = [];
  private readonly byId = new Map<string, number>();
  /** Posting indexes by occupation code: a trade query looks only at its own and related trades. */
  private readonly byOccupation = new Map<string, number[]>();

  private constructor(readonly gazetteer: Gazetteer, readonly lexicon: TradeLexicon) {}

  static async fromPostings(postings: RawPosting[], options: MatcherOptions = {}): Promise<Matcher> {
    const m = new Matcher(options.gazetteer ?? Gazetteer.load(), options.lexicon ?? TradeLexicon.load());
    for (const p of postings) m.add(p, options.features?.get(p.id));
    return m;
  }

  get size(): number {
    return this.postings.length;
  }

  /** Understands and indexes one posting (or replaces the one with the same id). */
  add(p: RawPosting, known?: PostingFeatures): PostingFeatures {
    if (this.byId.has(p.id)) this.remove(p.id);
    const f = known ?? postingFeatures(p, this.gazetteer, this.lexicon);
    const i = this.postings.length;
    this.postings.push(p);
    this.features.push(f);
    this.byId.set(p.id, i);
    const code = f.occupation?.code ?? '';
    const list = this.byOccupation.get(code) ?? [];
    list.push(i);
    this.byOccupation.set(code, list);
    return f;
  }

  /** Takes a posting out of results (closed or deleted); its slot stays, unreachable. */
  remove(id: string): void {
    const i = this.byId.get(id);
    if (i === undefined) return;
    this.byId.delete(id);
    const code = this.features[i].occupation?.code ?? '';
    const list = this.byOccupation.get(code);
    if (list) this.byOccupation.set(code, list.filter((j) => j !== i));
  }

  featuresOf(id: string): PostingFeatures | null {
    const i = this.byId.get(id);
    return i === undefined ? null : this.features[i];
  }

  /** What the matcher understood from a worker's words. */
  understand(q: SearchQuery): QueryIntent {
    const text = normaliseText(String(q.text ?? '').slice(0, MAX_QUERY_CHARS));
    return parseQuery(text, this.gazetteer.homeTown(q.home), this.gazetteer, this.lexicon);
  }

  async search(q: SearchQuery, options: SearchOptions = {}): Promise<SearchResult[]> {
    return this.searchIntent(this.understand(q), q.home ?? null, options);
  }

  searchIntent(intent: QueryIntent, homeName: string | null, { top = 10 }: SearchOptions = {}): SearchResult[] {
    const home = this.gazetteer.homeTown(homeName);
    const scored: Scored[] = [];
    for (const i of this.candidates(intent)) {
      const s = scorePosting(this.features[i], intent, home, this.lexicon, 0);
      if (s) scored.push({ index: i, ...s });
    }
    scored.sort((a, b) => b.score - a.score || (this.postings[a.index].id < this.postings[b.index].id ? -1 : 1));
    return scored.slice(0, Math.max(0, top)).map((s) => ({
      postingId: this.postings[s.index].id,
      score: Math.round(s.score * 1000) / 1000,
      reasons: explainResult(this.features[s.index], s, this.lexicon),
    }));
  }

  private *candidates(intent: QueryIntent): Iterable<number> {
    if (!intent.trades.length) {
      for (const i of this.byId.values()) yield i;
      return;
    }
    const codes = new Set<string>();
    for (const t of intent.trades) {
      codes.add(t.code);
      for (const [code] of this.byOccupation) if (this.lexicon.related(t.code, code)) codes.add(code);
    }
    for (const c of codes) yield* this.byOccupation.get(c) ?? [];
  }
}
