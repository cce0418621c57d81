// Job fairs in the conversation: see the next fair, what it offers for my trade, subscribe to
// reminders with one digit, confirm I will come, and the questions people ask about a fair
// (什么时候, 在哪, 有车吗, 要带什么), answered from the fair's own data.
import type { JobFair } from '@prisma/client';
import { formatDay, hhmm, localParts } from '../../lib/time.ts';
import type { Turn } from '../context.ts';
import { firstChars, REPLY_BUDGET, readingLength } from '../../lib/reading.ts';
import type { Choice, Reply } from '../reply.ts';
import { T } from '../texts.zh.ts';

const SUBSCRIBE: Choice = { id: '1', label: '🔔报名提醒' };
const FAIR_ACTIONS: Choice[] = [
  { id: '2', label: '👀适合我的岗位' },
  { id: '3', label: '🚌班车' },
  { id: '0', label: '🔄重新找' },
];

export async function nextFair(turn: Turn, fairId?: number): Promise<JobFair | null> {
  const now = turn.deps.clock.now();
  if (fairId !== undefined) {
    const f = await turn.deps.db.jobFair.findUnique({ where: { id: fairId } });
    if (f && f.status === 'scheduled' && f.endsAt > now) return f;
  }
  return turn.deps.db.jobFair.findFirst({ where: { status: 'scheduled', endsAt: { gt: now } }, orderBy: { startsAt: 'asc' } });
}

/** Postings at the fair that fit the worker's trades (all of them when no trade is known). */
export async function fairJobsForWorker(turn: Turn, fairId: number): Promise<number[]> {
  const links = await turn.deps.db.fairPosting.findMany({ where: { fairId }, select: { postingId: true } });
  const ids = new Set(links.map((l) => l.postingId));
  const query = turn.worker.lastQuery;
  if (!query) return [...ids];
  const found = await turn.deps.jobs.search(query, turn.worker.homeTown, 500);
  return found.map((r) => Number(r.postingId)).filter((id) => ids.has(id));
}

/** 12月18日(周五)9点: the start, which is what a worker plans the day around. */
function startOf(f: JobFair): string {
  const p = localParts(f.startsAt, f.timeZone);
  return `${formatDay(f.startsAt, f.timeZone)}${p.minute ? hhmm(p) : `${p.hour}点`}`;
}
/** The venue without its bracketed detail, short enough for a card. */
const venueOf = (f: JobFair) => firstChars(f.venue.replace(/[（(].*?[）)]/g, ''), 12);

async function signedUp(turn: Turn, fairId: number): Promise<boolean> {
  return !!(await turn.deps.db.fairSubscription.findUnique({ where: { fairId_workerId: { fairId, workerId: turn.worker.id } } }));
}

export async function showFair(turn: Turn, fairId?: number): Promise<Reply[]> {
  const fair = await nextFair(turn, fairId);
  if (!fair) return [{ text: T.noFair }];
  turn.state.step = 'fair';
  turn.state.fairId = fair.id;
  const [count, buses, mine, subscribed] = await Promise.all([
    turn.deps.db.fairPosting.count({ where: { fairId: fair.id } }),
    turn.deps.db.busDeparture.count({ where: { fairId: fair.id } }),
    turn.worker.lastQuery ? fairJobsForWorker(turn, fair.id) : Promise.resolve(null),
    signedUp(turn, fair.id),
  ]);
  const lines = [`📢${firstChars(fair.name, 14)}`, `🕘${startOf(fair)}`, `📍${firstChars(venueOf(fair), 10)}`, mine ? `${count}个岗位，${mine.length}个适合你` : `${count}个岗位`];
  // Signed up: say so instead of offering it again.
  if (subscribed) lines.push(T.fairSignedUp);
  // The buses are one tap away (3); the card names them only when there is room.
  if (buses && readingLength([...lines, '🚌有班车'].join('')) <= REPLY_BUDGET) lines.push('🚌有班车');
  // Too long: the count moves onto the button that shows those jobs.
  let actions = FAIR_ACTIONS;
  if (readingLength(lines.join('')) > REPLY_BUDGET) {
    lines.splice(3, 1);
    actions = FAIR_ACTIONS.map((a) => (a.id === '2' && mine ? { ...a, label: `👀适合我的${mine.length}个` } : a));
  }
  return [{ text: lines.join('\n'), choices: subscribed ? actions : [SUBSCRIBE, ...actions] }];
}

export async function subscribeFair(turn: Turn): Promise<Reply[]> {
  const fair = await nextFair(turn, turn.state.fairId);
  if (!fair) return [{ text: T.noFair }];
  const { db, hooks } = turn.deps;
  if (await signedUp(turn, fair.id)) return [{ text: T.fairAlready, choices: FAIR_ACTIONS }];
  const sub = await db.fairSubscription.create({
    data: { fairId: fair.id, workerId: turn.worker.id, channel: turn.inbound.channel, recipient: turn.inbound.address },
  });
  if (turn.worker.optedOut) await db.worker.update({ where: { id: turn.worker.id }, data: { optedOut: false, optedOutAt: null } });
  await hooks?.fairSubscribed?.(sub.id);
  return [{ text: T.fairSubscribed, choices: FAIR_ACTIONS }];
}

/** "去" / "会去" after a reminder: the worker confirms they will come to their next fair. */
export async function confirmFair(turn: Turn): Promise<Reply[] | null> {
  const now = turn.deps.clock.now();
  const sub = await turn.deps.db.fairSubscription.findFirst({
    where: { workerId: turn.worker.id, fair: { status: 'scheduled', endsAt: { gt: now } } },
    orderBy: { fair: { startsAt: 'asc' } },
  });
  if (!sub) return null;
  if (!sub.confirmedAt) await turn.deps.db.fairSubscription.update({ where: { id: sub.id }, data: { confirmedAt: now } });
  return [{ text: T.fairConfirmed }];
}

export type FairQuestion = 'when' | 'where' | 'bus' | 'bring';

const ABOUT_FAIR = /招聘会|招工会|招聘大会|人才市场|专场|现场会|见面会/;
const QUESTIONS: [FairQuestion, RegExp][] = [
  ['bring', /带(什么|啥|哪些|些什么)|要带|准备(什么|啥)|(什么|啥)材料|证件/],
  ['bus', /车|接送|怎么去|咋去|路费/],
  ['where', /在哪|哪里|哪儿|地点|地址|什么地方|啥地方|位置/],
  ['when', /什么时候|啥时候|几号|哪天|几点|时间|日期|哪一天|星期几|周几/],
];

/**
 * A question about a fair: it names a fair ("招聘会在哪"), or the fair card is on the screen and
 * the question stands alone ("有车吗", "要带什么"). Null when the text is not such a question.
 */
export function fairQuestion(turn: Turn, text: string): FairQuestion | null {
  if (!ABOUT_FAIR.test(text) && turn.state.step !== 'fair') return null;
  for (const [q, re] of QUESTIONS) if (re.test(text)) return q;
  return null;
}

export async function answerFair(turn: Turn, q: FairQuestion): Promise<Reply[]> {
  const fair = await nextFair(turn, turn.state.fairId);
  if (!fair) return [{ text: T.noFair }];
  turn.state.fairId = fair.id;
  turn.state.step = 'fair';
  const subscribed = await signedUp(turn, fair.id);
  const choices = subscribed ? FAIR_ACTIONS : [SUBSCRIBE, ...FAIR_ACTIONS];
  if (q === 'when') return [{ text: T.fairWhen(firstChars(fair.name, 14), startOf(fair)), choices }];
  if (q === 'where') return [{ text: T.fairWhere(venueOf(fair)), choices }];
  if (q === 'bring') {
    const bring = fair.bring.trim();
    return [{ text: bring ? T.fairBring(firstChars(bring, 40)) : T.fairBringDefault, choices }];
  }
  return [{ text: await busText(turn, fair), choices }];
}

/** 🚌免费班车：好花红7:00，摆金7:00…: as many stops as the short reply holds. */
async function busText(turn: Turn, fair: JobFair): Promise<string> {
  const buses = await turn.deps.db.busDeparture.findMany({ where: { fairId: fair.id }, orderBy: { departsAt: 'asc' } });
  if (!buses.length) return T.fairNoBus;
  const stops = buses.map((b) => `${b.place.replace(/(镇|乡|街道)$/, '')}${hhmm(localParts(b.departsAt, fair.timeZone))}`);
  let shown = stops.length;
  const text = (k: number) => T.fairBuses(stops.slice(0, k).join('，') + (k < stops.length ? '等' : ''));
  while (shown > 1 && readingLength(text(shown)) > 46) shown--;
  return text(shown);
}
