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

/** A trade the worker asked for. */
export interface TradeWish {
  code: string;
  /** How sure the match is (1 = the written word). */
  weight: number;
  term: string;
  /**
   * Heard by sound, pinyin distance or meaning rather than read: a soft preference that never
   * filters and is never shown as 对口; the conversation may ask about it.
   */
  guessed?: boolean;
}

/** What the worker said they will not do. Each is a hard filter: a "no" is a no. */
export interface Exclusions {
  places: Place[];
  trades: string[];
  types: JobType[];
  nightShift: boolean;
  liveIn: boolean;
  pieceRate: boolean;
}

/** Circumstances that shape which jobs fit, said in the worker's own words (带娃, 腰不好, 不识字). */
export interface Needs {
  /** Cannot do heavy work (carrying, building sites, kilns). */
  light: boolean;
  /** Must sit (站不久, 脚不方便): seated jobs first. */
  seated: boolean;
  /** Reads little: no job that needs reading, schooling or a computer. */
  noLiteracy: boolean;
  /** Free or short hours (caring for family, 半天): flexible, home and day-by-day work first. */
  flexible: boolean;
}

/** What the matcher understands from a worker's message. */
export interface QueryIntent {
  /** Occupation codes asked for. */
  trades: TradeWish[];
  place: PlaceWish;
  /** Monthly equivalent of the lowest pay the worker will take. */
  wageFloor: number | null;
  /** The pay unit the worker asked in (每小时20块 → hour), when they named one. */
  payUnit: WageUnit | null;
  /** The worker's age, when they said it (五十多岁 → 50, 快50了 → 49). */
  age: number | null;
  type: JobType | null;
  boardAndLodging: boolean;
  exclude: Exclusions;
  needs: Needs;
  /** Chinese text no parser explained (not a trade, place, wage, type or filler word). */
  unexplained: string;
}

export const noExclusions = (): Exclusions => ({ places: [], trades: [], types: [], nightShift: false, liveIn: false, pieceRate: false });
export const noNeeds = (): Needs => ({ light: false, seated: false, noLiteracy: false, flexible: false });

/** What a posting asks of a worker and how the work is done, read from its text. */
export interface PostingConditions {
  ageMin: number | null;
  ageMax: number | null;
  /** 2: night or rotating shifts or pre-dawn starts; 1: evenings or possibly nights; 0: none said. */
  night: 0 | 1 | 2;
  /** Lives at the employer's home (住家, 上户). */
  liveIn: boolean;
  pieceRate: boolean;
  heavy: boolean;
  /** Said to be light or seated work. */
  light: boolean;
  seated: boolean;
  /** Needs reading, schooling or a computer. */
  literacy: boolean;
  /** Free or short hours. */
  flexible: boolean;
}

export interface SearchQuery {
  text: string;
  /** The worker's home township (name), when known. */
  home?: string | null;
}

/**
 * How a result relates to what was asked: `match` meets every wish; `guess` meets them for a trade
 * only guessed from the words; `nearest` is the nearest real alternative when nothing meets them,
 * with the wishes let go in `relaxed`.
 */
export type Fit = 'match' | 'guess' | 'nearest';
export type Relaxed = 'wage' | 'place' | 'type' | 'trade';

export interface SearchResult {
  postingId: string;
  score: number;
  /** Plain reasons for staff, the CLI and the eval (the chat builds its own shorter card). */
  reasons: string[];
  fit: Fit;
  /** How the posting's trade relates to the asked one: named, related (also taken), or neither. */
  trade: 'exact' | 'related' | null;
  /** Distance from the worker's home township, when known. */
  homeKm: number | null;
  relaxed?: Relaxed[];
}
