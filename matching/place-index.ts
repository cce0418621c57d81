// Postings by where they are, so that a search with a place wish looks only at postings there:
// by province, city, county and town name, and by a grid of 0.2° cells (about 22 km) for
// "near" wishes. At 100,000 postings this turns a full scan into a few hundred candidates.
import type { Place, PlaceWish } from './types.ts';

const CELL = 0.2;
const cell = (lat: number, lng: number) => `${Math.floor(lat / CELL)}:${Math.floor(lng / CELL)}`;

function keyOf(p: Pick<Place, 'level' | 'province' | 'city' | 'county' | 'town'>, level = p.level): string {
  if (level === 'province') return `p|${p.province}`;
  if (level === 'city') return `c|${p.province}|${p.city}`;
  if (level === 'county') return `k|${p.city}|${p.county}`;
  return `t|${p.county}|${p.town}`;
}

/** A place is listed under itself, every larger place it is in, and its grid cell. */
function keysOf(p: Place | null): string[] {
  if (!p) return [];
  const levels = LEVELS.slice(0, LEVELS.indexOf(p.level) + 1);
  return [...levels.map((level) => keyOf(p, level)), cell(p.lat, p.lng)];
}

const LEVELS = ['province', 'city', 'county', 'town'] as const;

export class PlaceIndex {
  private readonly lists = new Map<string, number[]>();

  add(i: number, p: Place | null): void {
    for (const k of keysOf(p)) {
      const list = this.lists.get(k);
      if (list) list.push(i);
      else this.lists.set(k, [i]);
    }
  }

  remove(i: number, p: Place | null): void {
    for (const k of keysOf(p)) {
      const list = this.lists.get(k);
      const at = list?.indexOf(i) ?? -1;
      if (at >= 0) list!.splice(at, 1);
    }
  }

  /**
   * Lists of postings that may meet a place wish (together a superset, possibly overlapping: the
   * ranker still checks each), or null when the wish is anywhere.
   */
  candidates(wish: PlaceWish): number[][] | null {
    if (wish.kind === 'any') return null;
    const out: number[][] = [];
    const around = (center: { lat: number; lng: number }, km: number) => {
      const dLat = km / 111;
      const dLng = km / (111 * Math.max(0.2, Math.cos((center.lat * Math.PI) / 180)));
      for (let a = Math.floor((center.lat - dLat) / CELL); a <= Math.floor((center.lat + dLat) / CELL); a++)
        for (let b = Math.floor((center.lng - dLng) / CELL); b <= Math.floor((center.lng + dLng) / CELL); b++) out.push(this.lists.get(`${a}:${b}`) ?? []);
    };
    if (wish.kind === 'near') around(wish.center, wish.km);
    else
      for (const p of wish.places) {
        out.push(this.lists.get(keyOf(p)) ?? []);
        if (p.level === 'town') around(p, 5); // a town also takes postings within 5 km of it
      }
    return out;
  }
}
