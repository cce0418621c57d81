// Searching and showing jobs: free text, the trade menu, follow-ups that narrow the search
// (包吃住, 工资高点, 近一点, 别的), pages, one job's details, and interest.
import { findPlaceMentions } from '../../matching/parse/place.ts';
import type { SearchResult } from '../../matching/types.ts';
import type { Turn } from '../context.ts';
import { askHome } from './profile.ts';
import { CIRCLED, cardLine, cardTitle, jobCard, jobDetails } from '../job-card.ts';
import { LIST_BUDGET, readingLength, REPLY_BUDGET } from '../../lib/reading.ts';
import type { JobCard, Reply } from '../reply.ts';
import { type SearchHow, searchText } from '../state.ts';
import { summarise } from '../summary.ts';
import { CONSENT_CHOICES, JOB_ACTIONS, PLACE_MENU, RESULT_ACTIONS, T, TRADE_MENU, WAGE_MENU } from '../texts.zh.ts';

export const PAGE = 3;
const MAX_RESULTS = 30;

export const FAIR_CHOICE = { id: '7', label: '📢招聘会' };
/** "Not what I meant" after a guessed trade: a digit no other result action uses. */
export const NOT_GUESS_ID = '9';

export function tradeMenu(text: string = T.askTrade): Reply {
  return { text, choices: [...TRADE_MENU.map((t) => t.choice), FAIR_CHOICE] };
}

/** Follow-ups that change one wish of the search on the screen. */
const WANTS_MORE = /^(别的|别的呢|其他|其他的|其它的|还有别的吗?|有别的吗|换一批|换几个|再看看)[吗呢啊呀？?。!！]*$/;
const WANTS_MORE_PAY = /(工资|钱|薪水|待遇|收入)?(高|多)一?点|(工资|钱)(再)?高|更高/;
const WANTS_NEARER = /^(有没有)?(近|离家近|离家近|近些|近点|近一点|近一些)(一点|一些|点)?的?[吗呢？?]*$|(离家|家里|家)近一?点/;

/**
 * Free text: does it start a new search (a trade, or a kind of work), narrow the one on the
 * screen (a place, a wage, 包吃住, a need, an age, 不要…), or say nothing about work (null)?
 */
export async function searchFromText(turn: Turn, text: string): Promise<Reply[] | null> {
  const s = turn.state;
  const current = !!s.search.base || !!s.search.place || !!s.search.wage;
  if (current && s.results.length && WANTS_MORE.test(text)) return showPage(turn, s.shown);
  if (current && WANTS_MORE_PAY.test(text) && !/\d/.test(text)) return raiseWage(turn);
  if (current && WANTS_NEARER.test(text)) return nearer(turn);

  const intent = turn.deps.jobs.matcher.understand({ text, home: turn.worker.homeTown });
  const hasPlace = intent.place.kind !== 'any';
  const narrows =
    intent.boardAndLodging ||
    Object.values(intent.needs).some(Boolean) ||
    intent.age !== null ||
    intent.payUnit !== null ||
    intent.exclude.places.length + intent.exclude.trades.length + intent.exclude.types.length > 0 ||
    intent.exclude.nightShift ||
    intent.exclude.liveIn ||
    intent.exclude.pieceRate;
  if (intent.trades.length || (intent.type && intent.type !== 'fulltime')) {
    // A trade or a kind of work named: a new search, whatever was on the screen before.
    s.search = { base: text, place: '', wage: '' };
    await turn.deps.db.worker.update({
      where: { id: turn.worker.id },
      data: { trades: JSON.stringify([...new Set(intent.trades.filter((t) => t.weight >= 0.9).map((t) => t.code))]), lastQuery: text, wageFloor: intent.wageFloor ?? undefined },
    });
    return runSearch(turn, current ? 'new' : 'first');
  }
  if (!hasPlace && intent.wageFloor === null && !narrows) return null;
  if (!current) {
    s.search = { base: text, place: '', wage: '' };
    return runSearch(turn, 'first');
  }
  // Only a place or a wage: it replaces that part; anything else is added to what was asked.
  if (hasPlace || intent.wageFloor !== null) {
    if (hasPlace) setPlace(turn, text);
    if (intent.wageFloor !== null) setWage(turn, text);
    if (narrows && !hasPlace && intent.wageFloor === null) s.search.base = `${s.search.base} ${text}`.trim();
  } else s.search.base = `${s.search.base} ${text}`.trim();
  return runSearch(turn, 'refine');
}

/** Wage phrases in a search text (6000, 1万, 八千块以上), not ages (50岁). */
const WAGE_WORDS = /(?<![\d.])(\d{3,6}|\d+(?:\.\d+)?\s*[万千kK]|[一二三四五六七八九十两]+\s*[万千])\s*(?:元|块)?\s*(?:以上|起|左右|多)?(?![\d岁])/g;

/** A new place for the search: the places named in the words before give way to it. */
export function setPlace(turn: Turn, phrase: string): void {
  const s = turn.state.search;
  const mentions = findPlaceMentions(turn.deps.jobs.matcher.gazetteer, s.base);
  let base = s.base;
  for (const m of [...mentions].reverse()) base = `${base.slice(0, m.at)} ${base.slice(m.at + m.text.length)}`;
  s.base = base.replace(/\s+/g, ' ').trim();
  s.place = phrase;
}

/** A new wage for the search: the wage said before gives way to it. */
export function setWage(turn: Turn, phrase: string): void {
  const s = turn.state.search;
  s.base = s.base.replace(WAGE_WORDS, ' ').replace(/\s+/g, ' ').trim();
  s.wage = phrase;
}

/** A trade from the menu: the place and wage already chosen stay (换工种 changes only the trade). */
export async function searchFromMenu(turn: Turn, query: string): Promise<Reply[]> {
  const had = !!turn.state.search.base;
  turn.state.search = { base: query, place: turn.state.search.place, wage: turn.state.search.wage };
  return runSearch(turn, had ? 'new' : 'first');
}

/** 工资高点的: a floor a thousand above what is asked now, or above the lowest pay on the screen. */
async function raiseWage(turn: Turn): Promise<Reply[]> {
  const { jobs } = turn.deps;
  const asked = jobs.matcher.understand({ text: searchText(turn.state), home: turn.worker.homeTown }).wageFloor;
  const start = pageStart(turn);
  const shown = turn.state.results
    .slice(start, start + PAGE)
    .map((id) => jobs.features(id)?.wage?.monthlyMin ?? null)
    .filter((x): x is number => x !== null);
  const base = Math.max(asked ?? 0, shown.length ? Math.min(...shown) : 3000);
  setWage(turn, `${Math.ceil((base + 1000) / 1000) * 1000}以上`);
  return runSearch(turn, 'refine');
}

/** 近一点的: near home, once the home township is known. */
async function nearer(turn: Turn): Promise<Reply[]> {
  setPlace(turn, '离家近');
  if (!turn.worker.homeTown) return askHome(turn);
  return runSearch(turn, 'refine');
}

/** Searches what the state holds now and shows the first page, saying how it was understood. */
export async function runSearch(turn: Turn, how: SearchHow): Promise<Reply[]> {
  const { jobs } = turn.deps;
  const text = searchText(turn.state);
  let found = await jobs.search(text, turn.worker.homeTown, MAX_RESULTS);
  // Read once: the guess to confirm and the 包吃住 filter below both come from it.
  const intent = jobs.matcher.understand({ text, home: turn.worker.homeTown });
  let note = '';
  delete turn.state.guess;
  if (!found.length) {
    const r = await jobs.relaxed(text, turn.worker.homeTown, MAX_RESULTS);
    if (r.results.length) {
      found = r.results;
      note = T.relaxed(r.dropped);
    }
  } else if (found[0].fit !== 'match') {
    // A trade only heard by sound or meaning: say the guess, so a wrong one is put right at once.
    const trades = intent.trades;
    const guess = trades.every((t) => t.guessed) ? [...trades].sort((a, b) => b.weight - a.weight)[0] : undefined;
    if (guess?.term) {
      note = T.guessed(guess.term);
      turn.state.guess = guess.term;
    }
    // The best there is meets the worker's wishes only with one let go: say which.
    if (found[0].fit === 'nearest') note = [note, T.relaxed(found[0].relaxed ?? [])].filter(Boolean).join('\n');
  }
  // 包吃住 asked for: the matcher ranks such jobs first; the list then holds only them, when any.
  if (found.length && intent.boardAndLodging) {
    const board = found.filter((r) => jobs.features(r.postingId)?.boardAndLodging);
    if (board.length) found = board;
    else note = [note, T.noBoard].filter(Boolean).join('\n');
  }
  turn.state.results = found.map((r) => Number(r.postingId));
  turn.state.how = how;
  turn.state.note = note;
  return showPage(turn, 0, found);
}

const pageStart = (turn: Turn) => Math.max(0, turn.state.shown - ((turn.state.shown - 1) % PAGE) - 1);

/** The page of results starting at `start` (0, 3, 6…), each job one line, within the list budget. */
export async function showPage(turn: Turn, start: number, found?: SearchResult[]): Promise<Reply[]> {
  const { jobs } = turn.deps;
  const s = turn.state;
  s.step = 'results';
  delete s.jobId;
  const ids = s.results.slice(start, start + PAGE).filter((id) => jobs.posting(id));
  if (!ids.length) {
    return [{ text: start === 0 ? T.noResults : T.noMore, choices: RESULT_ACTIONS.filter((c) => c.id !== '4') }];
  }
  s.shown = start + ids.length;
  // Later pages: the matcher's facts (how each job fits) come from the same search again.
  found ??= await jobs.search(searchText(s), turn.worker.homeTown, MAX_RESULTS);
  const facts = new Map(found.map((r) => [Number(r.postingId), r]));
  const cards: JobCard[] = ids.map((id, k) => {
    return jobCard(jobs.posting(id)!, jobs.features(id), facts.get(id) ?? unranked(id), k + 1, jobs.matcher.gazetteer);
  });
  const more = s.results.length > s.shown;
  const intent = jobs.matcher.understand({ text: searchText(s), home: turn.worker.homeTown });
  const head = T.searchHead(start === 0 ? (s.how ?? 'first') : 'first', summarise(intent, jobs.matcher.gazetteer, turn.worker.homeTown), start / PAGE + 1);
  const note = start === 0 ? s.note : '';
  return [
    {
      text: fitList([note, head].filter(Boolean).join('\n'), cards, T.resultsFoot),
      cards,
      choices: [
        // The job on the button too: a worker who reads little should not have to match numbers.
        ...cards.map((c) => ({ id: String(c.n), label: `${CIRCLED[c.n - 1]}${c.title.slice(0, 5)}` })),
        ...RESULT_ACTIONS.filter((a) => a.id !== '4' || more),
        ...(s.guess && start === 0 ? [{ id: NOT_GUESS_ID, label: `❌不是${s.guess}` }] : []),
      ],
    },
  ];
}

/** The list text within budget: notes go first, then places shorten, then titles. */
function fitList(head: string, cards: JobCard[], foot: string): string {
  const forms: ((c: JobCard) => string)[] = [
    (c) => cardLine(c),
    (c) => cardLine(c, false),
    (c) => cardLine({ ...c, place: c.place.slice(0, 4) }, false),
    (c) => cardLine({ ...c, place: c.place.slice(0, 4), title: c.title.slice(0, 4) }, false),
    (c) => cardLine({ ...c, place: '', title: c.title.slice(0, 4), pay: c.pay.replace(/\/月$/, '') }, false),
  ];
  for (const form of forms) {
    const text = [head, ...cards.map(form), foot].join('\n');
    if (readingLength(text) <= LIST_BUDGET) return text;
  }
  // Still too long (a long note): keep the jobs and the digits, drop the note's first line.
  return [head.split('\n').slice(-1)[0], ...cards.map(forms[forms.length - 1]), foot].join('\n');
}

/** Job n of the page on the screen, in full, with 报名 and 返回. */
export async function showJob(turn: Turn, n: number): Promise<Reply[]> {
  const start = pageStart(turn);
  const id = turn.state.results[start + n - 1];
  const row = id !== undefined && n <= turn.state.shown - start ? turn.deps.jobs.posting(id) : undefined;
  if (!row) return [{ text: T.pickFromList }];
  turn.state.step = 'job';
  turn.state.jobId = id;
  const text = jobDetails(row, turn.deps.jobs.features(id), REPLY_BUDGET - readingLength(T.jobFoot));
  return [{ text: `${text}\n${T.jobFoot}`, choices: JOB_ACTIONS }];
}

/** Back from a job's details to the page it was on. */
export function backToList(turn: Turn): Promise<Reply[]> {
  return showPage(turn, pageStart(turn));
}

/** The guess was wrong: keep the worker's words, rule the guessed trade out, search again broadly. */
export async function rejectGuess(turn: Turn): Promise<Reply[]> {
  const word = turn.state.guess;
  if (!word) return [{ text: T.pickFromList }];
  turn.state.search.base = `${turn.state.search.base} 不要${word}`.trim();
  return [{ text: T.notGuess(word) }, ...(await runSearch(turn, 'refine'))];
}

export function askPlace(turn: Turn): Reply[] {
  turn.state.step = 'ask_place';
  return [{ text: T.askPlace, choices: PLACE_MENU.map((p) => p.choice), requestLocation: !turn.worker.homeTown }];
}

export function askWage(turn: Turn): Reply[] {
  turn.state.step = 'ask_wage';
  return [{ text: T.askWage, choices: WAGE_MENU.map((p) => p.choice) }];
}

/** The worker chose 报名 on a job's details: record the interest, ask about the phone. */
export async function expressInterest(turn: Turn): Promise<Reply[]> {
  const postingId = turn.state.jobId;
  const posting = postingId !== undefined ? turn.deps.jobs.posting(postingId) : undefined;
  if (!posting || postingId === undefined) return [{ text: T.pickFromList }];
  const { db, hooks } = turn.deps;
  const title = cardTitleOf(turn, postingId);
  const existing = await db.interest.findUnique({ where: { workerId_postingId: { workerId: turn.worker.id, postingId } } });
  if (existing) return [{ text: T.alreadyInterested(title), choices: RESULT_ACTIONS.filter((a) => a.id !== '4') }];
  const interest = await db.interest.create({ data: { workerId: turn.worker.id, postingId } });
  await hooks?.interestCreated?.(interest.id);
  turn.state.step = 'consent';
  turn.state.interestId = interest.id;
  return [{ text: `${T.interested(title)}\n${T.askConsent}`, choices: CONSENT_CHOICES }];
}

function cardTitleOf(turn: Turn, postingId: number): string {
  return cardTitle(turn.deps.jobs.posting(postingId)!, turn.deps.jobs.features(postingId)?.occupation?.code);
}

/** A job on the list without the matcher's facts (from a fair's list, or gone from the search): no reason claimed. */
const unranked = (id: number): SearchResult => ({ postingId: String(id), score: 0, reasons: [], fit: 'match', trade: null, homeKm: null });
