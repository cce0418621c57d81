// The matcher: understands postings once, then answers worker queries fast.
//   const m = await Matcher.fromPostings(raw);
//   await m.search({ text: '汗工 广州 一万以上', home: '摆金镇' }, { top: 3 });
import { cosine, type Embedder, TransformersEmbedder } from './embed/embedder.ts';
import { explainResult } from './explain-result.ts';
import { Gazetteer } from './geo.ts';
import { TradeLexicon } from './parse/occupation.ts';
import { normaliseText, parseQuery } from './parse/query.ts';
import { type Scored, scorePosting, tradeTable } from './rank.ts';
import { PostingReader } from './reader.ts';
import type { PostingFeatures, QueryIntent, RawPosting, SearchQuery, SearchResult } from './types.ts';

export type { PostingFeatures, QueryIntent, RawPosting, SearchQuery, SearchResult } from './types.ts';

export interface MatcherOptions {
  gazetteer?: Gazetteer;
  lexicon?: TradeLexicon;
  /** The text embedder; by default the project's own model through transformers.js; null for none. */
  embedder?: Embedder | null;
  /** Features already derived (e.g. stored in the database), by posting id. */
  features?: Map<string, PostingFeatures>;
  /** Posting vectors already computed by the same embedder, by posting id. */
  vectors?: Map<string, Float32Array>;
}

export interface SearchOptions {
  top?: number;
}

/** Longest message the matcher reads; the rest of a pasted essay adds nothing but time. */
const MAX_QUERY_CHARS = 200;

export class Matcher {
  private readonly postings: RawPosting[] = [];
  private readonly features: PostingFeatures[] = [];
  private readonly vectors: (Float32Array | null)[] = [];
  /** Recent query vectors: workers send the same few words again and again. */
  private readonly queryCache = new Map<string, Float32Array>();
  private readonly byId = new Map<string, number>();
  /** Posting indexes by occupation code: a trade query looks only at its own and related trades. */
  private readonly byOccupation = new Map<string, number[]>();

  readonly reader: PostingReader;

  private constructor(
    readonly gazetteer: Gazetteer,
    readonly lexicon: TradeLexicon,
    readonly embedder: Embedder | null,
  ) {
    this.reader = new PostingReader(gazetteer, lexicon, embedder);
  }

  static async fromPostings(postings: RawPosting[], options: MatcherOptions = {}): Promise<Matcher> {
    const embedder = options.embedder === undefined ? await TransformersEmbedder.load() : options.embedder;
    const m = new Matcher(options.gazetteer ?? Gazetteer.load(), options.lexicon ?? TradeLexicon.load(), embedder);
    const read = await m.reader.read(postings, (p) => ({ features: options.features?.get(p.id), vector: options.vectors?.get(p.id) }));
    for (const [i, p] of postings.entries()) m.add(p, read[i].features, read[i].vector);
    return m;
  }

  /** Reads (features, vector) and indexes one posting. */
  async upsert(p: RawPosting): Promise<{ features: PostingFeatures; vector: Float32Array | null }> {
    const [r] = await this.reader.read([p]);
    this.add(p, r.features, r.vector);
    return r;
  }

  get size(): number {
    return this.postings.length;
  }

  /** Indexes one posting with its features (or replaces the one with the same id). */
  add(p: RawPosting, f: PostingFeatures, vector: Float32Array | null = null): PostingFeatures {
    if (this.byId.has(p.id)) this.remove(p.id);
    const i = this.postings.length;
    this.postings.push(p);
    this.features.push(f);
    this.vectors.push(vector);
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
    if (list)
      this.byOccupation.set(
        code,
        list.filter((j) => j !== i),
      );
  }

  featuresOf(id: string): PostingFeatures | null {
    const i = this.byId.get(id);
    return i === undefined ? null : this.features[i];
  }

  vectorOf(id: string): Float32Array | null {
    const i = this.byId.get(id);
    return i === undefined ? null : this.vectors[i];
  }

  /** What the matcher understood from a worker's words. */
  understand(q: SearchQuery): QueryIntent {
    const text = normaliseText(String(q.text ?? '').slice(0, MAX_QUERY_CHARS));
    return parseQuery(text, this.gazetteer.homeTown(q.home), this.gazetteer, this.lexicon);
  }

  async search(q: SearchQuery, options: SearchOptions = {}): Promise<SearchResult[]> {
    const intent = this.understand(q);
    const text = normaliseText(String(q.text ?? '').slice(0, MAX_QUERY_CHARS));
    const qv = this.embedder && text ? await this.queryVector(text) : null;
    // Words no parser explained ("做馒头的活"): the nearest trades by meaning, weaker than a named one.
    if (qv && !intent.trades.length && /\p{Script=Han}{2}/u.test(intent.unexplained)) {
      const present = new Set([...this.byOccupation.keys()].filter((c) => this.byOccupation.get(c)!.length));
      for (const o of await this.reader.nearestOccupations(qv, 3, present)) intent.trades.push({ code: o.code, weight: 0.7 * o.sim, term: '' });
    }
    return this.searchIntent(intent, q.home ?? null, options, qv);
  }

  private async queryVector(text: string): Promise<Float32Array> {
    let v = this.queryCache.get(text);
    if (!v) {
      [v] = await this.embedder!.embed([text]);
      if (this.queryCache.size >= 2000) this.queryCache.delete(this.queryCache.keys().next().value!);
      this.queryCache.set(text, v);
    }
    return v;
  }

  searchIntent(intent: QueryIntent, homeName: string | null, { top = 10 }: SearchOptions = {}, queryVector: Float32Array | null = null): SearchResult[] {
    const home = this.gazetteer.homeTown(homeName);
    // Keep only the best `top`, in order: at 100,000 postings a full sort costs more than scoring.
    const k = Math.max(0, top);
    const scored: Scored[] = [];
    const before = (a: Scored, b: Scored) => a.score > b.score || (a.score === b.score && this.postings[a.index].id < this.postings[b.index].id);
    for (const list of this.candidates(intent))
      for (const i of list) {
        const v = this.vectors[i];
        const s = scorePosting(this.features[i], intent, home, this.lexicon, queryVector && v ? () => Math.max(0, cosine(queryVector, v)) : 0);
        if (!s || k === 0) continue;
        if (scored.length === k && s.score < scored[k - 1].score) continue;
        const item = { index: i, score: s.score, exactTrade: s.exactTrade, homeKm: s.homeKm };
        if (scored.length === k && !before(item, scored[k - 1])) continue;
        let at = scored.length === k ? k - 1 : scored.length;
        if (scored.length === k) scored.pop();
        while (at > 0 && before(item, scored[at - 1])) at--;
        scored.splice(at, 0, item);
      }
    return scored.slice(0, Math.max(0, top)).map((s) => ({
      postingId: this.postings[s.index].id,
      score: Math.round(s.score * 1000) / 1000,
      reasons: explainResult(this.features[s.index], s),
    }));
  }

  /**
   * How well one posting fits a worker's words (reverse matching: which workers fit a posting).
   * Null when a hard wish of the worker excludes it.
   */
  scoreOne(postingId: string, q: SearchQuery): { score: number; exactTrade: boolean } | null {
    const i = this.byId.get(postingId);
    if (i === undefined) return null;
    const s = scorePosting(this.features[i], this.understand(q), this.gazetteer.homeTown(q.home), this.lexicon, 0);
    return s ? { score: s.score, exactTrade: s.exactTrade } : null;
  }

  /** Postings of the asked trades and the trades their workers would also take; all when no trade was said. */
  private candidates(intent: QueryIntent): number[][] {
    if (!intent.trades.length) return [[...this.byId.values()]];
    return [...tradeTable(intent, this.lexicon).keys()].map((c) => this.byOccupation.get(c) ?? []);
  }
}
