// Ranking: hard filters where the worker was explicit (a trade they named, a place, a wage floor,
// and everything they ruled out: 不要计件, 不去潮州, their age, 不识字, 干不了重活), soft
// preferences otherwise (a trade only guessed, type, distance from home, pay, board and lodging,
// flexible or seated work).
import { distanceKm, within } from './geo.ts';
import type { TradeLexicon } from './parse/occupation.ts';
import type { Place, PostingConditions, PostingFeatures, QueryIntent } from './types.ts';

export interface Scored {
  index: number;
  score: number;
  exactTrade: boolean;
  /** A trade the worker would also take, beside the one they named. */
  relatedTrade: boolean;
  /** The posting's trade was only guessed from the worker's words. */
  guessedTrade: boolean;
  homeKm: number | null;
}

/** What each wish adds to a posting's score: one table for scorePosting and its ceiling below. */
const W = { type: 0.3, nearHome: 0.4, home: 0.08, nearAsked: 0.3, pay: 0.06, board: 0.15, hourly: 0.2, flexible: 0.15, seated: 0.25, light: 0.15, similarity: 0.05 };

const TABLES = new WeakMap<QueryIntent, Map<string, { score: number; exact: boolean }>>();
const NAMED = new WeakMap<QueryIntent, QueryIntent['trades']>();

/** Trades the worker named in words (not guessed): these filter. Computed once per intent. */
export function namedTrades(q: QueryIntent): QueryIntent['trades'] {
  let named = NAMED.get(q);
  if (!named) {
    named = q.trades.filter((t) => !t.guessed);
    NAMED.set(q, named);
  }
  return named;
}

/** A cheap test before the great-circle distance: a degree of latitude is 111 km everywhere. */
const mayBeWithin = (a: { lat: number; lng: number }, b: { lat: number; lng: number }, km: number) => Math.abs(a.lat - b.lat) * 111 <= km;

/** Per query, once: each acceptable occupation code with its trade score. */
export function tradeTable(q: QueryIntent, lex: TradeLexicon): Map<string, { score: number; exact: boolean }> {
  let table = TABLES.get(q);
  if (table) return table;
  table = new Map();
  const named = namedTrades(q);
  for (const t of named) {
    const old = table.get(t.code);
    if (!old || !old.exact || old.score < t.weight) table.set(t.code, { score: Math.max(t.weight, old?.exact ? old.score : 0), exact: true });
  }
  for (const t of named) {
    for (const code of lex.relatedTo(t.code)) {
      const old = table.get(code);
      if (old?.exact || q.exclude.trades.includes(code)) continue;
      table.set(code, { score: Math.max(old?.score ?? 0, 0.45 * t.weight), exact: false });
    }
  }
  TABLES.set(q, table);
  return table;
}

/** What the worker ruled out, or their circumstances rule out. True when the posting is excluded. */
export function excluded(f: PostingFeatures, c: PostingConditions, q: QueryIntent): boolean {
  const x = q.exclude;
  if (x.trades.includes(f.occupation?.code ?? '')) return true;
  if (x.types.includes(f.type)) return true;
  if (x.places.length && f.place && x.places.some((p) => within(f.place!, p))) return true;
  if (x.nightShift && c.night === 2) return true;
  if (x.liveIn && c.liveIn) return true;
  if (x.pieceRate && c.pieceRate) return true;
  if (q.age !== null && ((c.ageMax !== null && q.age > c.ageMax) || (c.ageMin !== null && q.age < c.ageMin))) return true;
  if (q.needs.light && c.heavy) return true;
  if (q.needs.noLiteracy && c.literacy) return true;
  if (q.needs.flexible && (c.liveIn || c.night === 2)) return true;
  return false;
}

/**
 * Score one posting for an intent; null when a hard filter excludes it. `near` (for the nearest
 * alternatives when the place wish was let go) pulls postings close to the places asked for.
 */
export function scorePosting(
  f: PostingFeatures,
  c: PostingConditions,
  q: QueryIntent,
  home: Place | null,
  lex: TradeLexicon,
  similarity: number | (() => number),
  near: Place[] = [],
): Omit<Scored, 'index'> | null {
  if (excluded(f, c, q)) return null;
  // Trade: the word the worker used, or a trade they would also take.
  let trade = 0;
  let exactTrade = false;
  const named = namedTrades(q).length > 0;
  if (named) {
    const t = tradeTable(q, lex).get(f.occupation?.code ?? '');
    if (!t) return null;
    trade = t.score;
    exactTrade = t.exact;
  }

  // Place: explicit wishes filter.
  const wish = q.place;
  if (wish.kind === 'region') {
    if (!f.place || !wish.places.some((r) => within(f.place!, r) || (r.level === 'town' && distanceKm(r, f.place!) <= 5))) return null;
  } else if (wish.kind === 'near') {
    if (!f.place || !mayBeWithin(wish.center, f.place, wish.km) || distanceKm(wish.center, f.place) > wish.km) return null;
  }

  // Wage floor filters on the best monthly pay the posting offers.
  if (q.wageFloor !== null) {
    const best = f.wage?.monthlyMax ?? null;
    if (best === null || best < q.wageFloor) return null;
  }

  // The text similarity costs a vector product: computed only for postings past the filters.
  const textSimilarity = typeof similarity === 'number' ? similarity : similarity();
  let guessedTrade = false;
  if (!named) {
    trade = 0.5 + 0.5 * textSimilarity;
    // A trade only guessed (by sound, or by meaning) lifts its postings without hiding the rest.
    const guess = q.trades.find((t) => t.code === f.occupation?.code);
    if (guess) {
      trade += 0.6 * guess.weight;
      guessedTrade = true;
    }
  }
  let score = trade;
  // A type asked for is a strong wish; with no trade named it is the whole ask.
  if (q.type) score += f.type === q.type ? W.type : named ? -0.3 : -0.5;
  else if (f.type === 'training' || f.type === 'homework' || f.type === 'public_welfare') score -= 0.05; // not asked for: a little lower

  const homeKm = home && f.place ? distanceKm(home, f.place) : null;
  if (homeKm !== null) {
    // Gig work only makes sense close by; for other work nearness is a mild plus.
    score += q.type === 'gig' || wish.kind === 'near' ? W.nearHome * Math.exp(-homeKm / 12) : W.home * Math.exp(-homeKm / 200);
  }
  if (near.length && f.place) score += W.nearAsked * Math.exp(-Math.min(...near.map((p) => distanceKm(p, f.place!))) / 300);
  if (f.wage?.monthlyMax) score += W.pay * Math.min(1, f.wage.monthlyMax / 12000);
  if (q.boardAndLodging) score += f.boardAndLodging ? W.board : -0.05;
  if (q.payUnit === 'hour' && f.wage?.unit === 'hour') score += W.hourly;
  // Circumstances: free hours, light or seated work, no night work.
  if (q.needs.flexible) score += c.flexible ? W.flexible : -0.05;
  if (q.needs.seated) score += c.seated ? W.seated : c.light ? 0.1 : -0.1;
  else if (q.needs.light) score += c.light || c.seated ? W.light : 0;
  if (q.exclude.nightShift && c.night === 1) score -= 0.2;
  score += W.similarity * textSimilarity;
  return { score, exactTrade, relatedTrade: named && !exactTrade, guessedTrade, homeKm };
}

/**
 * The most any posting can score for an intent from everything but a named or guessed trade:
 * when the postings of a guessed trade already fill the list above it, the rest need no look.
 * Kept beside scorePosting, from the same weights: every bonus there has its ceiling here.
 */
export function untradedCeiling(q: QueryIntent, home: Place | null, near: Place[] = []): number {
  let c = 1 + W.similarity + W.pay; // 0.5 + 0.5 × similarity, the small similarity term, the pay
  if (q.type) c += W.type;
  if (home) c += q.type === 'gig' || q.place.kind === 'near' ? W.nearHome : W.home;
  if (near.length) c += W.nearAsked;
  if (q.boardAndLodging) c += W.board;
  if (q.payUnit === 'hour') c += W.hourly;
  if (q.needs.flexible) c += W.flexible;
  if (q.needs.seated) c += W.seated;
  else if (q.needs.light) c += W.light;
  return c;
}
