// What the engine remembers between messages. Stored as JSON on the Conversation row, so a
// restart in the middle of a conversation loses nothing.

export type Step = 'start' | 'ask_trade' | 'results' | 'job' | 'ask_place' | 'ask_wage' | 'consent' | 'ask_phone' | 'ask_home' | 'fair' | 'confirm_delete' | 'offer_human';

/** How a result list came about: the first search, a new one replacing it, or the same narrowed. */
export type SearchHow = 'first' | 'new' | 'refine';

export interface ConvState {
  step: Step;
  /** The search, in the worker's own words, split so one part can change at a time. */
  search: { base: string; place: string; wage: string };
  /** Posting ids of the current result list, best first, and how many were shown. */
  results: number[];
  shown: number;
  how?: SearchHow;
  /** What the first page says before the list (a guess to confirm, a wish let go). */
  note?: string;
  /** The job whose details are on the screen. */
  jobId?: number;
  /** Interest waiting for the worker's consent to share their phone. */
  interestId?: number;
  fairId?: number;
  /** A trade only guessed from the worker's words (by sound or meaning), shown with 9 = "not this". */
  guess?: string;
  /** Counts the turns that sent choices: a tapped choice carrying an older number is outdated. */
  menu: number;
  /** Messages in a row the engine did not understand (two offer a person). */
  misses: number;
}

export const initialState = (menu = 0): ConvState => ({ step: 'start', search: { base: '', place: '', wage: '' }, results: [], shown: 0, menu, misses: 0 });

export function parseState(json: string | null | undefined): ConvState {
  try {
    const s = JSON.parse(json ?? '{}') as Partial<ConvState>;
    if (!s || typeof s !== 'object' || typeof s.step !== 'string') return initialState();
    return { ...initialState(), ...s, search: { ...initialState().search, ...(s.search ?? {}) } };
  } catch {
    return initialState();
  }
}

export function searchText(s: ConvState): string {
  return [s.search.base, s.search.place, s.search.wage].filter(Boolean).join(' ');
}
