// Ranking: hard filters where the worker was explicit (a trade, a place, a wage floor), soft
// preferences otherwise (type, distance from home, pay, board and lodging).
import { distanceKm, within } from './geo.ts';
import type { TradeLexicon } from './parse/occupation.ts';
import type { Place, PostingFeatures, QueryIntent } from './types.ts';

export interface Scored {
  index: number;
  score: number;
  exactTrade: boolean;
  homeKm: number | null;
}

const TABLES = new WeakMap<QueryIntent, Map<string, { score: number; exact: boolean }>>();

/** Per query, once: each acceptable occupation code with its trade score. */
export function tradeTable(q: QueryIntent, lex: TradeLexicon): Map<string, { score: number; exact: boolean }> {
  let table = TABLES.get(q);
  if (table) return table;
  table = new Map();
  for (const t of q.trades) {
    const old = table.get(t.code);
    if (!old || !old.exact || old.score < t.weight) table.set(t.code, { score: Math.max(t.weight, old?.exact ? old.score : 0), exact: true });
  }
  for (const t of q.trades) {
    for (const code of lex.relatedTo(t.code)) {
      const old = table.get(code);
      if (old?.exact) continue;
      table.set(code, { score: Math.max(old?.score ?? 0, 0.45 * t.weight), exact: false });
    }
  }
  TABLES.set(q, table);
  return table;
}

/** Score one posting for an intent; null when a hard filter excludes it. */
export function scorePosting(f: PostingFeatures, q: QueryIntent, home: Place | null, lex: TradeLexicon, similarity: number | (() => number)): Omit<Scored, 'index'> | null {
  // Trade: the word the worker used, or a trade they would also take.
  let trade = 0;
  let exactTrade = false;
  if (q.trades.length) {
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
    if (!f.place || distanceKm(wish.center, f.place) > wish.km) return null;
  }

  // Wage floor filters on the best monthly pay the posting offers.
  if (q.wageFloor !== null) {
    const best = f.wage?.monthlyMax ?? null;
    if (best === null || best < q.wageFloor) return null;
  }

  // The text similarity costs a vector product: computed only for postings past the filters.
  const textSimilarity = typeof similarity === 'number' ? similarity : similarity();
  if (!q.trades.length) trade = 0.5 + 0.5 * textSimilarity;
  let score = trade;
  if (q.type) score += f.type === q.type ? 0.3 : -0.3;
  else if (f.type === 'training' || f.type === 'homework' || f.type === 'public_welfare') score -= 0.05; // not asked for: a little lower

  const homeKm = home && f.place ? distanceKm(home, f.place) : null;
  if (homeKm !== null) {
    // Gig work only makes sense close by; for other work nearness is a mild plus.
    score += q.type === 'gig' || wish.kind === 'near' ? 0.4 * Math.exp(-homeKm / 12) : 0.08 * Math.exp(-homeKm / 200);
  }
  if (f.wage?.monthlyMax) score += 0.06 * Math.min(1, f.wage.monthlyMax / 12000);
  if (q.boardAndLodging && f.boardAndLodging) score += 0.05;
  score += 0.05 * textSimilarity;
  return { score, exactTrade, homeKm };
}
