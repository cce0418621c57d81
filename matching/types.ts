// Shared shapes of the matcher. Pure data: no I/O, no channel or HTTP types.

/** A posting as a recruiter or a job-fair spreadsheet gives it (the form of eval/postings.jsonl). */
export interface RawPosting {
  id: string;
  employer: string;
  title: string;
  description?: string;
  location?: string;
  wage_text?: string;
  type?: string;
  benefits?: string[];
  headcount?: number | null;
  requirements?: string;
}

export type JobType = 'fulltime' | 'gig' | 'training' | 'homework' | 'public_welfare';
export const JOB_TYPES: readonly JobType[] = ['fulltime', 'gig', 'training', 'homework', 'public_welfare'];

export type PlaceLevel = 'province' | 'city' | 'county' | 'town';

export interface Place {
  level: PlaceLevel;
  name: string; // full name: 好花红镇
  short: string; // 好花红
  province: string;
  city: string;
  county: string;
  town: string;
  lat: number;
  lng: number;
  pinyin: string;
}

export type WageUnit = 'month' | 'day' | 'hour' | 'piece';

export interface Wage {
  min: number | null;
  max: number | null;
  unit: WageUnit;
  /** Monthly equivalents (day × 26, hour × 8 × 26). */
  monthlyMin: number | null;
  monthlyMax: number | null;
}

export interface Occupation {
  code: string;
  name: string;
}

/** What the matcher derives from a raw posting. */
export interface PostingFeatures {
  occupation: Occupation | null;
  place: Place | null;
  wage: Wage | null;
  type: JobType;
  boardAndLodging: boolean;
}

/** Where the worker wants to work, as understood from their words. */
export type PlaceWish =
  | { kind: 'any' }
  | { kind: 'region'; places: Place[] } // 去广州, 龙里, 广东哪里都行
  | { kind: 'near'; center: Place; km: number }; // 离家近, 县城, 好花红附近

/** What the matcher understands from a worker's message. */
export interface QueryIntent {
  /** Occupation codes asked for, with how sure the match is (1 = exact word). */
  trades: { code: string; weight: number; term: string }[];
  place: PlaceWish;
  wageFloor: number | null;
  type: JobType | null;
  boardAndLodging: boolean;
  /** Chinese text no parser explained (not a trade, place, wage, type or filler word). */
  unexplained: string;
}

export interface SearchQuery {
  text: string;
  /** The worker's home township (name), when known. */
  home?: string | null;
}

export interface SearchResult {
  postingId: string;
  score: number;
  reasons: string[];
}
