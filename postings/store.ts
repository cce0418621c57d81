// Postings in the database: raw fields as given, plus the features the matcher derived from them
// (trade, place, wage, type). Features are computed once, when a posting is written, and read
// back at start, so a restart does not re-understand every posting.
import type { Prisma } from '@prisma/client';
import type { JobType, Place, PlaceLevel, PostingFeatures, RawPosting, WageUnit } from '../matching/types.ts';
import type { Db } from '../prisma/db.ts';

export type PostingRow = Prisma.PostingGetPayload<{ include: { employer: true } }>;

export function featureColumns(f: PostingFeatures) {
  return {
    occupationCode: f.occupation?.code ?? null,
    occupationName: f.occupation?.name ?? null,
    placeLevel: f.place?.level ?? null,
    province: f.place?.province ?? null,
    city: f.place?.city ?? null,
    county: f.place?.county ?? null,
    town: f.place?.town ?? null,
    lat: f.place?.lat ?? null,
    lng: f.place?.lng ?? null,
    wageMin: f.wage?.min ?? null,
    wageMax: f.wage?.max ?? null,
    wageUnit: f.wage?.unit ?? null,
    monthlyMin: f.wage?.monthlyMin ?? null,
    monthlyMax: f.wage?.monthlyMax ?? null,
    jobType: f.type,
    boardAndLodging: f.boardAndLodging,
  };
}

export function rowFeatures(r: PostingRow): PostingFeatures {
  let place: Place | null = null;
  if (r.placeLevel && r.lat !== null && r.lng !== null) {
    const level = r.placeLevel as PlaceLevel;
    const name = (level === 'town' ? r.town : level === 'county' ? r.county : level === 'city' ? r.city : r.province) ?? '';
    place = { level, name, short: name, province: r.province ?? '', city: r.city ?? '', county: r.county ?? '', town: r.town ?? '', lat: r.lat, lng: r.lng, pinyin: '' };
  }
  return {
    occupation: r.occupationCode ? { code: r.occupationCode, name: r.occupationName ?? '' } : null,
    place,
    wage: r.wageUnit ? { min: r.wageMin, max: r.wageMax, unit: r.wageUnit as WageUnit, monthlyMin: r.monthlyMin, monthlyMax: r.monthlyMax } : null,
    type: (r.jobType ?? 'fulltime') as JobType,
    boardAndLodging: r.boardAndLodging,
  };
}

/** The raw form of a stored posting, keyed by its database id (what the matcher returns). */
export function rowRaw(r: PostingRow): RawPosting {
  return {
    id: String(r.id),
    employer: r.employer.name,
    title: r.title,
    description: r.description,
    location: r.location,
    wage_text: r.wageText,
    type: r.type,
    benefits: JSON.parse(r.benefits) as string[],
    headcount: r.headcount,
    requirements: r.requirements,
  };
}

export function rawColumns(p: RawPosting) {
  return {
    title: p.title,
    description: p.description ?? '',
    location: p.location ?? '',
    wageText: p.wage_text ?? '',
    type: p.type ?? 'fulltime',
    benefits: JSON.stringify(p.benefits ?? []),
    headcount: p.headcount ?? null,
    requirements: p.requirements ?? '',
  };
}

export async function loadOpenPostings(db: Db): Promise<PostingRow[]> {
  return db.posting.findMany({ where: { status: 'open' }, include: { employer: true }, orderBy: { id: 'asc' } });
}
