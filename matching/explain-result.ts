// The one-line reasons shown with each result.
import { extraReasons, placeReason, tradeReason, wageReason } from './explain.ts';
import type { Scored } from './rank.ts';
import type { PostingFeatures } from './types.ts';

export function explainResult(f: PostingFeatures, s: Omit<Scored, 'index'>): string[] {
  const out: string[] = [];
  if (f.occupation) out.push(tradeReason(f.occupation.name, s.exactTrade));
  const where = placeReason(f.place, s.homeKm);
  if (where) out.push(where);
  const pay = wageReason(f.wage);
  if (pay) out.push(pay);
  out.push(...extraReasons(f));
  return out.slice(0, 4);
}
