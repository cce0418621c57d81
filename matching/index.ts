// The matcher: understands postings once, then answers worker queries fast.
//   const m = await Matcher.fromPostings(raw);
//   await m.search({ text: '汗工 广州 一万以上', home: '摆金镇' }, { top: 3 });
import { cosine, type Embedder, TransformersEmbedder } from './embed/embedder.ts';
import { explainResult } from './explain-result.ts';
import { Gazetteer } from './geo.ts';
import { TradeLexicon } from './parse/occupation.ts';
import { postingConditions } from './parse/posting-conditions.ts';
import { normaliseText, parseQuery } from './parse/query.ts';
import { Translator } from './parse/translate.ts';
import { namedTrades, type Scored, scorePosting, tradeTable, untradedCeiling } from './rank.ts';
import { PlaceIndex } from './place-index.ts';
import { PostingReader } from './reader.ts';
import type { Fit, Place, PostingConditions, PostingFeatures, QueryIntent, RawPosting, Relaxed, SearchQuery, SearchResult } from './types.ts';

export type { Fit, PostingFeatures, QueryIntent, RawPosting, Relaxed, SearchQuery, SearchResult } from './types.ts';

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
  /**
   * When fewer than `top` postings meet every wish, fill up with the nearest real alternatives
   * (wage, then type, then place, then trade let go; never what the worker ruled out), marked
   * `fit: 'nearest'` with what was let go.
   */
  nearest?: boolean;
}

/** Longest message the matcher reads; the rest of a pasted essay adds nothing but time. */
const MAX_QUERY_CHARS = 200;

export class Matcher {
  private readonly postings: RawPosting[] = [];
  private readonly features: PostingFeatures[] = [];
  private readonly conditions: PostingConditions[] = [];
  private readonly vectors: (Float32Array | null)[] = [];
  /** Recent query vectors: workers send the same few words again and again. */
  private readonly queryCache = new Map<string, Float32Array>();
  private readonly byId = new Map<string, number>();
  /** Posting indexes by occupation code: a trade query looks only at its own and related trades. */
  private readonly byOccupation = new Map<string, number[]>();
  private readonly byPlace = new PlaceIndex();
  /** Per search, which postings were scored already (stamped with the search's number). */
  private seen = new Uint32Array(0);
  private pass = 0;
  /** Slots of postings still searchable (a removed posting keeps its slot, unreachable). */
  private readonly live: boolean[] = [];
  private readonly all: number[] = [];

  readonly reader: PostingReader;
  private readonly translator: Translator;

  private constructor(
    readonly gazetteer: Gazetteer,
    readonly lexicon: TradeLexicon,
    readonly embedder: Embedder | null,
  ) {
    this.reader = new PostingReader(gazetteer, lexicon, embedder);
    this.translator = new Translator(lexicon.terms.keys(), gazetteer);
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
    // Conditions come from the raw words each time a posting is indexed (cheap, and never stale).
    this.conditions.push(postingConditions(p, f));
    this.vectors.push(vector);
    this.byId.set(p.id, i);
    this.live[i] = true;
    this.all.push(i);
    const code = f.occupation?.code ?? '';
    const list = this.byOccupation.get(code) ?? [];
    list.push(i);
    this.byOccupation.set(code, list);
    this.byPlace.add(i, f.place);
    return f;
  }

  /** Takes a posting out of results (closed or deleted); its slot stays, unreachable. */
  remove(id: string): void {
    const i = this.byId.get(id);
    if (i === undefined) return;
    this.byId.delete(id);
    this.live[i] = false;
    this.byPlace.remove(i, this.features[i].place);
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
    return parseQuery(text, this.gazetteer.homeTown(q.home), this.gazetteer, this.lexicon, this.translator);
  }

  async search(q: SearchQuery, options: SearchOptions = {}): Promise<SearchResult[]> {
    const intent = this.understand(q);
    const text = normaliseText(String(q.text ?? '').slice(0, MAX_QUERY_CHARS));
    const qv = this.embedder && text ? await this.queryVector(text) : null;
    // Words no parser explained ("做馒头的活"): the nearest trades by meaning, weaker than a named one.
    // They are guesses: they lift those trades' postings but filter nothing.
    if (qv && !intent.trades.length && /\p{Script=Han}{2}/u.test(intent.unexplained)) {
      const present = new Set([...this.byOccupation.keys()].filter((c) => this.byOccupation.get(c)!.length));
      for (const o of await this.reader.nearestOccupations(qv, 3, present))
        if (!intent.exclude.trades.includes(o.code)) intent.trades.push({ code: o.code, weight: 0.7 * o.sim, term: '', guessed: true });
    }
    const found = this.labelled(intent, this.searchIntent(intent, q.home ?? null, options, qv));
    const top = options.top ?? 10;
    if (!options.nearest || found.length >= top) return found;
    return [...found, ...this.nearest(intent, q.home ?? null, top - found.length, new Set(found.map((r) => r.postingId)), qv)];
  }

  /**
   * What a result that meets every hard wish still is not: with only a guessed trade, a posting of
   * another trade is an alternative (trade let go), not a match; a posting of another type than
   * the one asked for (a month's job for 零工) is one with the type let go, and one not paid by the
   * hour when hourly pay was asked for is one with the pay let go. These follow the rest,
   * so a list never presents as fitting what the worker did not ask for.
   */
  private labelled(intent: QueryIntent, found: SearchResult[]): SearchResult[] {
    const guessOnly = intent.trades.length > 0 && !namedTrades(intent).length;
    const out = found.map((r): SearchResult => {
      if (r.fit !== 'match') return r;
      if (guessOnly) return { ...r, fit: 'nearest', relaxed: ['trade'] };
      const f = this.featuresOf(r.postingId);
      if (intent.type && f?.type !== intent.type) return { ...r, fit: 'nearest', relaxed: ['type'] };
      // Pay by the hour asked for (每小时20块): a monthly wage is the pay wish let go.
      if (intent.payUnit === 'hour' && f?.wage?.unit !== 'hour') return { ...r, fit: 'nearest', relaxed: ['wage'] };
      return r;
    });
    return [...out.filter((r) => r.fit !== 'nearest'), ...out.filter((r) => r.fit === 'nearest')];
  }

  /**
   * The nearest real alternatives when too few postings meet every wish: the wage let go first,
   * then the type, then the place (nearest the place asked for first), then the trade (nearest in
   * meaning). What the worker ruled out stays ruled out.
   */
  private nearest(intent: QueryIntent, home: string | null, want: number, seen: Set<string>, qv: Float32Array | null): SearchResult[] {
    const out: SearchResult[] = [];
    const relaxed: Relaxed[] = [];
    let near: Place[] = [];
    let q = intent;
    const steps: [Relaxed, boolean, () => QueryIntent][] = [
      ['wage', intent.wageFloor !== null, () => ({ ...q, wageFloor: null })],
      // The type before the place: day work only makes sense nearby, so 都匀 full time is nearer
      // to "都匀 by the hour" than hourly work in another city.
      ['type', intent.type !== null, () => ({ ...q, type: null })],
      ['place', intent.place.kind !== 'any', () => ({ ...q, place: { kind: 'any' } })],
      ['trade', namedTrades(intent).length > 0, () => ({ ...q, trades: q.trades.filter((t) => t.guessed) })],
    ];
    for (const [what, applies, relax] of steps) {
      if (!applies || out.length >= want) continue;
      if (what === 'place') near = intent.place.kind === 'region' ? intent.place.places : intent.place.kind === 'near' ? [intent.place.center] : [];
      q = relax();
      relaxed.push(what);
      for (const r of this.searchIntent(q, home, { top: want + seen.size }, qv, near)) {
        if (seen.has(r.postingId) || out.length >= want) continue;
        seen.add(r.postingId);
        out.push({ ...r, fit: 'nearest', relaxed: [...relaxed] });
      }
    }
    return out;
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

  searchIntent(intent: QueryIntent, homeName: string | null, { top = 10 }: SearchOptions = {}, queryVector: Float32Array | null = null, near: Place[] = []): SearchResult[] {
    const home = this.gazetteer.homeTown(homeName);
    // Keep only the best `top`, in order: at 100,000 postings a full sort costs more than scoring.
    const k = Math.max(0, top);
    const scored: Scored[] = [];
    const before = (a: Scored, b: Scored) => a.score > b.score || (a.score === b.score && this.postings[a.index].id < this.postings[b.index].id);
    const consider = (i: number) => {
      const v = this.vectors[i];
      const s = scorePosting(this.features[i], this.conditions[i], intent, home, this.lexicon, queryVector && v ? () => Math.max(0, cosine(queryVector, v)) : 0, near);
      if (!s || k === 0) return;
      if (scored.length === k && s.score < scored[k - 1].score) return;
      const item = { index: i, ...s };
      if (scored.length === k && !before(item, scored[k - 1])) return;
      let at = scored.length === k ? k - 1 : scored.length;
      if (scored.length === k) scored.pop();
      while (at > 0 && before(item, scored[at - 1])) at--;
      scored.splice(at, 0, item);
    };
    const guessed = namedTrades(intent).length ? [] : [...new Set(intent.trades.map((t) => t.code))];
    // Where to look: the postings of the named trades, or of the place wished for, whichever is
    // fewer (each posting is still checked against every wish); everything when neither narrows.
    const size = (lists: number[][]) => lists.reduce((n, l) => n + l.length, 0);
    const there = this.byPlace.candidates(intent.place);
    const traded = guessed.length ? null : this.candidates(intent);
    let look = traded ?? [this.all];
    if (there && (!traded || size(there) < size(traded))) look = there;
    // A posting can sit in several lists (a town and the cells around it): each is scored once.
    if (this.seen.length < this.postings.length) this.seen = new Uint32Array(this.postings.length * 2);
    const pass = ++this.pass;
    const once = (i: number) => {
      if (this.seen[i] === pass || !this.live[i]) return;
      this.seen[i] = pass;
      consider(i);
    };
    if (guessed.length) {
      // A guessed trade filters nothing, but its postings usually fill the list: look at them
      // first, and at the rest only if one of them could still rank among the best.
      for (const code of guessed) for (const i of this.byOccupation.get(code) ?? []) once(i);
      if (scored.length === k && scored[k - 1].score > untradedCeiling(intent, home, near)) return this.results(scored);
    }
    for (const list of look) for (const i of list) once(i);
    return this.results(scored);
  }

  private results(scored: Scored[]): SearchResult[] {
    return scored.map((s) => {
      const fit: Fit = s.guessedTrade ? 'guess' : 'match';
      return {
        postingId: this.postings[s.index].id,
        score: Math.round(s.score * 1000) / 1000,
        reasons: explainResult(this.features[s.index], s),
        fit,
        trade: s.exactTrade ? 'exact' : s.relatedTrade ? 'related' : null,
        homeKm: s.homeKm,
      };
    });
  }

  /**
   * How well one posting fits a worker's words (reverse matching: which workers fit a posting).
   * Null when a hard wish of the worker excludes it.
   */
  scoreOne(postingId: string, q: SearchQuery): { score: number; exactTrade: boolean } | null {
    const i = this.byId.get(postingId);
    if (i === undefined) return null;
    const s = scorePosting(this.features[i], this.conditions[i], this.understand(q), this.gazetteer.homeTown(q.home), this.lexicon, 0);
    return s ? { score: s.score, exactTrade: s.exactTrade } : null;
  }

  /** Postings of the asked trades and the trades their workers would also take; all when no trade was said. */
  private candidates(intent: QueryIntent): number[][] {
    if (!namedTrades(intent).length) return [[...this.byId.values()]];
    return [...tradeTable(intent, this.lexicon).keys()].map((c) => this.byOccupation.get(c) ?? []);
  }
}
