// Job fairs in the conversation: see the next fair, what it offers for my trade, subscribe to
// reminders with one digit, confirm I will come.
import type { JobFair } from '@prisma/client';
import { formatSpan, hhmm, localParts } from '../../lib/time.ts';
import type { Turn } from '../context.ts';
import type { Reply } from '../reply.ts';
import { T } from '../texts.zh.ts';

const FAIR_CHOICES = [
  { id: '1', label: '🔔报名提醒' },
  { id: '2', label: '👀适合我的岗位' },
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

export async function showFair(turn: Turn, fairId?: number): Promise<Reply[]> {
  const fair = await nextFair(turn, fairId);
  if (!fair) return [{ text: T.noFair }];
  turn.state.step = 'fair';
  turn.state.fairId = fair.id;
  const [count, buses, mine] = await Promise.all([
    turn.deps.db.fairPosting.count({ where: { fairId: fair.id } }),
    turn.deps.db.busDeparture.findMany({ where: { fairId: fair.id }, orderBy: { departsAt: 'asc' } }),
    turn.worker.lastQuery ? fairJobsForWorker(turn, fair.id) : Promise.resolve(null),
  ]);
  const lines = [`📢${fair.name}`, `🕘${formatSpan(fair.startsAt, fair.endsAt, fair.timeZone)}`, `📍${fair.venue}`];
  if (buses.length) lines.push(`🚌免费班车：${buses.map((b) => `${b.place}${hhmm(localParts(b.departsAt, fair.timeZone))}`).join('，')}`);
  lines.push(mine ? `有${count}个岗位，${mine.length}个适合你。` : `有${count}个岗位。`);
  return [{ text: lines.join('\n'), choices: FAIR_CHOICES }];
}

export async function subscribeFair(turn: Turn): Promise<Reply[]> {
  const fair = await nextFair(turn, turn.state.fairId);
  if (!fair) return [{ text: T.noFair }];
  const { db, hooks } = turn.deps;
  const existing = await db.fairSubscription.findUnique({ where: { fairId_workerId: { fairId: fair.id, workerId: turn.worker.id } } });
  if (existing) return [{ text: T.fairAlready, choices: FAIR_CHOICES.slice(1) }];
  const sub = await db.fairSubscription.create({
    data: { fairId: fair.id, workerId: turn.worker.id, channel: turn.inbound.channel, recipient: turn.inbound.address },
  });
  if (turn.worker.optedOut) await db.worker.update({ where: { id: turn.worker.id }, data: { optedOut: false, optedOutAt: null } });
  await hooks?.fairSubscribed?.(sub.id);
  return [{ text: T.fairSubscribed(fair.name), choices: FAIR_CHOICES.slice(1) }];
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
