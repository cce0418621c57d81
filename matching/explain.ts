// Plain reasons a worker can read on an old phone: 焊工对口, 离家12公里, 月薪6000-8000.
import type { Place, PostingFeatures, Wage } from './types.ts';

export function tradeReason(name: string, exact: boolean): string {
  return exact ? `${name}对口` : `相近工种:${name}`;
}

export function placeReason(place: Place | null, km: number | null): string | null {
  if (km !== null && km < 100) return km < 1 ? '就在家附近' : `离家${Math.round(km)}公里`;
  if (!place) return null;
  return `在${placeLabel(place)}`;
}

/** 广州, 广州白云区, 惠水县好花红镇: short, and unambiguous enough for a worker. */
export function placeLabel(p: Place): string {
  const city = p.city.includes('自治州') ? '' : p.city.replace(/市$/, '');
  if (p.level === 'province') return p.province.replace(/省$/, '');
  if (p.level === 'city') return city || p.city;
  if (p.level === 'county') return `${city}${p.county}`;
  return `${city}${p.county}${p.town}`;
}

export function wageReason(w: Wage | null): string | null {
  if (!w) return null;
  const range = (a: number | null, b: number | null) => (a === b || b === null ? `${a}` : `${a}-${b}`);
  if (w.unit === 'day') return `日薪${range(w.min, w.max)}元`;
  if (w.unit === 'hour') return `时薪${range(w.min, w.max)}元`;
  if (w.unit === 'piece') return w.monthlyMin ? `计件月入${range(w.monthlyMin, w.monthlyMax)}` : '计件';
  return `月薪${range(w.min, w.max)}`;
}

const TYPE_REASON: Record<string, string> = {
  gig: '日结零工',
  training: '培训',
  homework: '在家做',
  public_welfare: '公益岗',
};

export function extraReasons(f: PostingFeatures): string[] {
  const out: string[] = [];
  if (TYPE_REASON[f.type]) out.push(TYPE_REASON[f.type]);
  if (f.boardAndLodging) out.push('包吃住');
  return out;
}
