// The one-line reasons shown with each result.
import { extraReasons, placeReason, tradeReason, wageReason } from './explain.ts';
import type { Scored } from './rank.ts';
import type { PostingFeatures } from './types.ts';

export function explainResult(f: PostingFeatures, s: Omit<Scored, 'index'>): string[] {
  const out: string[] = [];
  // 对口 only for a trade the worker named; 相近 for one they would also take; otherwise just
  // the trade, never presented as a match.
  if (f.occupation) out.push(s.exactTrade ? tradeReason(f.occupation.name, true) : s.relatedTrade ? tradeReason(f.occupation.name, false) : f.occupation.name);
  const where = placeReason(f.place, s.homeKm);
  if (where) out.push(where);
  const pay = wageReason(f.wage);
  if (pay) out.push(pay);
  out.push(...extraReasons(f));
  return out.slice(0, 4);
}
