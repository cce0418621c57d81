// Searching and showing jobs: free text, the trade menu, refinements, "more", and interest.
import type { Turn } from '../context.ts';
import type { JobCard, Reply } from '../reply.ts';
import { searchText } from '../state.ts';
import { CONSENT_CHOICES, PLACE_MENU, RESULT_ACTIONS, T, TRADE_MENU, WAGE_MENU } from '../texts.zh.ts';

export const PAGE = 3;
const MAX_RESULTS = 30;

export const FAIR_CHOICE = { id: '7', label: '📢招聘会' };
/** "Not what I meant" after a guessed trade: a digit no other result action uses. */
export const NOT_GUESS_ID = '9';

export function tradeMenu(text: string = T.askTrade): Reply {
  return { text, choices: [...TRADE_MENU.map((t) => t.choice), FAIR_CHOICE] };
}

/** Free text: what did the worker say, and does it change the search? */
export async function searchFromText(turn: Turn, text: string): Promise<Reply[] | null> {
  const intent = turn.deps.jobs.matcher.understand({ text, home: turn.worker.homeTown });
  const s = turn.state.search;
  const hasPlace = intent.place.kind !== 'any';
  if (intent.trades.length) {
    turn.state.search = { base: text, place: '', wage: '' };
    await turn.deps.db.worker.update({
      where: { id: turn.worker.id },
      data: { trades: JSON.stringify([...new Set(intent.trades.filter((t) => t.weight >= 0.9).map((t) => t.code))]), lastQuery: text, wageFloor: intent.wageFloor ?? undefined },
    });
  } else if (hasPlace || intent.wageFloor !== null) {
    if (!s.base) s.base = intent.type ? text : '';
    if (hasPlace) s.place = text;
    if (intent.wageFloor !== null) s.wage = text;
  } else if (intent.type) {
    s.base = s.base ? `${s.base} ${text}` : text;
  } else return null;
  return showResults(turn, true);
}

export async function searchFromMenu(turn: Turn, query: string): Promise<Reply[]> {
  turn.state.search = { base: query, place: '', wage: '' };
  return showResults(turn, true);
}

export async function showResults(turn: Turn, fresh: boolean): Promise<Reply[]> {
  const { jobs } = turn.deps;
  let found = fresh ? await jobs.search(searchText(turn.state), turn.worker.homeTown, MAX_RESULTS) : null;
  let note = '';
  if (fresh) delete turn.state.guess;
  if (found && !found.length) {
    const r = await jobs.relaxed(searchText(turn.state), turn.worker.homeTown, MAX_RESULTS);
    if (r.results.length) {
      found = r.results;
      note = T.relaxed(r.dropped);
    }
  } else if (found?.[0] && found[0].fit !== 'match') {
    // A trade only heard by sound or meaning: say the guess, so a wrong one is put right at once.
    // (A list that starts with a fit had a trade named plainly, or none: nothing to ask.)
    const trades = jobs.matcher.understand({ text: searchText(turn.state), home: turn.worker.homeTown }).trades;
    const guess = trades.every((t) => t.guessed) ? [...trades].sort((a, b) => b.weight - a.weight)[0] : undefined;
    const word = guess && (guess.term || jobs.matcher.lexicon.occupation(guess.code)?.name);
    if (word) {
      note = T.guessed(word);
      turn.state.guess = word;
    }
    // The best there is meets the worker's wishes only with one let go: say which, before the list.
    if (found[0].fit === 'nearest') note += T.relaxed(found[0].relaxed ?? []);
  }
  if (found) {
    turn.state.results = found.map((r) => Number(r.postingId));
    turn.state.shown = 0;
  }
  const start = turn.state.shown;
  const page = turn.state.results.slice(start, start + PAGE).filter((id) => jobs.posting(id));
  turn.state.step = 'results';
  if (!page.length) {
    return [{ text: start === 0 ? T.noResults : T.noMore, choices: RESULT_ACTIONS.filter((c) => c.id !== '4') }];
  }
  turn.state.shown = start + page.length;
  const cards: JobCard[] = [];
  found ??= await jobs.search(searchText(turn.state), turn.worker.homeTown, MAX_RESULTS);
  const reasons = new Map(found.map((r) => [Number(r.postingId), r.reasons]));
  page.forEach((id, k) => {
    const p = jobs.posting(id)!;
    cards.push({ n: k + 1, postingId: id, title: p.title, employer: p.employer.name, reasons: reasons.get(id) ?? [] });
  });
  const lines = cards.map((c) => `${['1️⃣', '2️⃣', '3️⃣'][c.n - 1]} ${c.title}｜${c.employer}\n   ${c.reasons.join('，')}`);
  const more = turn.state.results.length > turn.state.shown;
  return [
    {
      text: `${note}${T.resultsHead(turn.state.results.length, turn.state.results.length >= MAX_RESULTS)}\n${lines.join('\n')}\n${more ? T.resultsFoot : '回复数字报名。'}`,
      cards,
      choices: [
        // The job on the button too: a worker who reads little should not have to match numbers.
        ...cards.map((c) => ({ id: String(c.n), label: `报名${c.n} ${c.title.replace(/[（(].*?[）)]/g, '').slice(0, 5)}` })),
        ...RESULT_ACTIONS.filter((a) => a.id !== '4' || more),
        ...(turn.state.guess ? [{ id: NOT_GUESS_ID, label: `❌不是${turn.state.guess}` }] : []),
      ],
    },
  ];
}

/** The guess was wrong: keep the worker's words, rule the guessed trade out, search again broadly. */
export async function rejectGuess(turn: Turn): Promise<Reply[]> {
  const word = turn.state.guess;
  if (!word) return [{ text: T.pickFromList }];
  turn.state.search.base = `${turn.state.search.base} 不要${word}`.trim();
  return [{ text: T.notGuess(word) }, ...(await showResults(turn, true))];
}

export function askPlace(turn: Turn): Reply[] {
  turn.state.step = 'ask_place';
  return [{ text: T.askPlace, choices: PLACE_MENU.map((p) => p.choice), requestLocation: !turn.worker.homeTown }];
}

export function askWage(turn: Turn): Reply[] {
  turn.state.step = 'ask_wage';
  return [{ text: T.askWage, choices: WAGE_MENU.map((p) => p.choice) }];
}

/** The worker picked result n on the page shown: record the interest, ask about the phone. */
export async function expressInterest(turn: Turn, n: number): Promise<Reply[]> {
  const pageStart = Math.max(0, turn.state.shown - ((turn.state.shown - 1) % PAGE) - 1);
  const postingId = turn.state.results[pageStart + n - 1];
  const posting = postingId !== undefined ? turn.deps.jobs.posting(postingId) : undefined;
  if (!posting || n > turn.state.shown - pageStart) return [{ text: T.pickFromList }];
  const { db, hooks } = turn.deps;
  const existing = await db.interest.findUnique({ where: { workerId_postingId: { workerId: turn.worker.id, postingId } } });
  if (existing) return [{ text: T.alreadyInterested(posting.title), choices: RESULT_ACTIONS }];
  const interest = await db.interest.create({ data: { workerId: turn.worker.id, postingId } });
  await hooks?.interestCreated?.(interest.id);
  turn.state.step = 'consent';
  turn.state.interestId = interest.id;
  return [{ text: `${T.interested(posting.title, posting.employer.name)}\n${T.askConsent}`, choices: CONSENT_CHOICES }];
}
