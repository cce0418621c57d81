// The gazetteer: every province, city and county of China and the townships of 贵州 and 广东,
// with centre points (GCJ-02) and pinyin. Built by scripts/build-data.ts from shared/data.
import { createRequire } from 'node:module';
import type { Place, PlaceLevel } from './types.ts';

const require = createRequire(import.meta.url);

type Row = [PlaceLevel, string, string, string, string, string, string, number, number, string];

const LEVEL_RANK: Record<PlaceLevel, number> = { province: 0, city: 1, county: 2, town: 3 };
export const levelRank = (p: Place) => LEVEL_RANK[p.level];

/** Great-circle distance in km. */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Is `inner` the same as or inside `outer`? */
export function within(inner: Place, outer: Place): boolean {
  if (outer.level === 'province') return inner.province === outer.province;
  if (outer.level === 'city') return inner.province === outer.province && inner.city === outer.city;
  if (outer.level === 'county') return inner.city === outer.city && inner.county === outer.county;
  return inner.county === outer.county && inner.town === outer.town;
}

export interface HomeRegion {
  province: string;
  city: string;
  county: string;
}

export class Gazetteer {
  readonly places: Place[];
  /** Full and short names (2+ characters) to places. */
  readonly byName = new Map<string, Place[]>();
  readonly byPinyin = new Map<string, Place[]>();
  readonly maxNameLength: number;

  constructor(
    rows: Row[],
    readonly home: HomeRegion,
  ) {
    this.places = rows.map(([level, name, short, province, city, county, town, lat, lng, pinyin]) => ({
      level,
      name,
      short,
      province,
      city,
      county,
      town,
      lat,
      lng,
      pinyin,
    }));
    let longest = 0;
    for (const p of this.places) {
      for (const n of new Set([p.name, p.short])) {
        if (n.length < 2) continue;
        push(this.byName, n, p);
        longest = Math.max(longest, n.length);
      }
      if (p.pinyin && p.level !== 'town') push(this.byPinyin, p.pinyin, p);
      if (p.pinyin && p.level === 'town' && p.county === home.county) push(this.byPinyin, p.pinyin, p);
    }
    this.maxNameLength = longest;
  }

  static load(home: HomeRegion = HUISHUI): Gazetteer {
    return new Gazetteer(require('./data/places.json') as Row[], home);
  }

  /** How close a place is to the deployment's home region: lower is closer. */
  homeAffinity(p: Place): number {
    if (p.county === this.home.county) return 0;
    if (p.city === this.home.city) return 1;
    if (p.province === this.home.province) return 2;
    if (p.province === '广东省') return 3; // the partner province of the labour-cooperation programme
    return 4;
  }

  /** Among places of one name, the one this deployment most likely means (芦山镇 → 惠水县). */
  preferred(candidates: Place[]): Place {
    return [...candidates].sort((a, b) => this.homeAffinity(a) - this.homeAffinity(b) || levelRank(a) - levelRank(b))[0];
  }

  /** A township of the home county by name (好花红镇 or 好花红). */
  homeTown(name: string | null | undefined): Place | null {
    if (!name) return null;
    const c = this.byName.get(name.trim()) ?? [];
    return c.find((p) => p.level === 'town' && p.county === this.home.county) ?? null;
  }

  county(name: string): Place | null {
    return (this.byName.get(name) ?? []).find((p) => p.level === 'county') ?? null;
  }

  province(name: string): Place | null {
    return (this.byName.get(name) ?? []).find((p) => p.level === 'province') ?? null;
  }
}

export const HUISHUI: HomeRegion = { province: '贵州省', city: '黔南布依族苗族自治州', county: '惠水县' };

function push<K, V>(m: Map<K, V[]>, k: K, v: V) {
  const a = m.get(k);
  if (a) a.push(v);
  else m.set(k, [v]);
}
