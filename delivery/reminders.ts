// Job-fair reminders. When they go out is one pure function of the fair's start, in the fair's
// own time zone; each (fair, worker, offset) is one outbox row with its own idempotency key.
// Moving a fair bumps its version: old rows are cancelled (and skipped at send time if one
// slipped through), new ones are written. Cancelling a fair sends one cancellation instead.
import type { JobFair } from '@prisma/client';
import type { Clock } from '../lib/clock.ts';
import { firstChars, REPLY_BUDGET, readingLength } from '../lib/reading.ts';
import { smsSegments } from '../lib/sms.ts';
import { formatDay, hhmm, localParts, zonedTime } from '../lib/time.ts';
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';
import { cancelTopic, enqueue, type NewMessage } from './outbox.ts';

export interface ReminderOffset {
  key: string;
  /** Days before the fair's local date, at a local wall-clock hour… */
  daysBefore?: number;
  atHour?: number;
  /** …or a fixed time before the start. */
  minutesBefore?: number;
}

export const DEFAULT_OFFSETS: ReminderOffset[] = [
  { key: 'd3', daysBefore: 3, atHour: 10 },
  { key: 'd1', daysBefore: 1, atHour: 19 },
  { key: 'h2', minutesBefore: 120 },
];

/** When each reminder is due, in the fair's time zone. Pure: no clock, no database. */
export function reminderTimes(startsAt: Date, timeZone: string, offsets: ReminderOffset[] = DEFAULT_OFFSETS): { key: string; at: Date }[] {
  const p = localParts(startsAt, timeZone);
  return offsets.map((o) => ({
    key: o.key,
    at:
      o.minutesBefore !== undefined ? new Date(startsAt.getTime() - o.minutesBefore * 60_000) : zonedTime(p.year, p.month, p.day - (o.daysBefore ?? 0), o.atHour ?? 9, 0, timeZone),
  }));
}

export const fairTopic = (fairId: number) => `fair:${fairId}`;

/** The reminder text: what, where, when, my jobs there, how to confirm and stop; ≤ 2 SMS segments. */
export function renderReminder(fair: Pick<JobFair, 'name' | 'venue' | 'startsAt' | 'timeZone'>, offsetKey: string, myJobs: number | null): string {
  const p = localParts(fair.startsAt, fair.timeZone);
  // 9点 (9:30 when not on the hour), the way people say it; the weekday without brackets.
  const at = p.minute ? hhmm(p) : `${p.hour}点`;
  const day = offsetKey === 'd1' ? '明天' : offsetKey === 'h2' ? '今天' : `${p.month}月${p.day}日周${'日一二三四五六'[p.weekday]}`;
  const when = `${day}${at}`;
  const tail = '回“去”确认 TD退订';
  let name = fair.name;
  let venue = fair.venue;
  let jobs = myJobs ? `${myJobs}个岗位适合你 ` : '';
  // One line each: when and what, where, what to do.
  const compose = () => `【惠水就业】${when}${name}\n${venue}\n${jobs}${tail}`;
  // Within the reading budget of a short reply (and so within two SMS segments), things give way
  // in this order: the venue's brackets, the venue beyond ten characters, the words around the
  // job count, the name beyond ten, the venue beyond eight, a long name for plain 招聘会.
  const steps = [
    () => (venue = venue.replace(/[（(].*?[）)]/g, '')),
    () => (venue = firstChars(venue, 10)),
    () => (jobs = myJobs ? `${myJobs}个适合你 ` : ''),
    () => (name = firstChars(name, 10)),
    () => (venue = firstChars(venue, 8)),
    () => (name = '招聘会'),
    () => (venue = firstChars(venue, 4)),
  ];
  for (const step of steps) {
    if (readingLength(compose()) <= REPLY_BUDGET && smsSegments(compose()).segments <= 2) break;
    step();
  }
  return compose();
}

export function renderCancellation(fair: Pick<JobFair, 'name' | 'startsAt' | 'timeZone'>): string {
  return `【惠水就业】${formatDay(fair.startsAt, fair.timeZone)}的${firstChars(fair.name, 12)}取消了，不用去了。TD退订`;
}

export class FairReminders {
  constructor(
    private readonly db: Db,
    private readonly jobs: JobIndex,
    private readonly clock: Clock,
    private readonly offsets: ReminderOffset[] = DEFAULT_OFFSETS,
  ) {}

  /** Writes the pending reminders of some (or all) subscriptions of a fair. Idempotent. */
  async schedule(fairId: number, subscriptionIds?: number[]): Promise<number> {
    const fair = await this.db.jobFair.findUnique({ where: { id: fairId } });
    if (!fair || fair.status !== 'scheduled') return 0;
    const now = this.clock.now();
    const times = reminderTimes(fair.startsAt, fair.timeZone, this.offsets).filter((t) => t.at > now);
    if (!times.length) return 0;
    const fairPostings = new Set((await this.db.fairPosting.findMany({ where: { fairId }, select: { postingId: true } })).map((f) => f.postingId));
    const jobsFor = new Map<string, number | null>(); // workers with the same search share one count
    // Counting segments exactly takes about a millisecond; the text depends only on (offset, count).
    const bodies = new Map<string, string>();
    const body = (key: string, n: number | null) => {
      const k = `${key}|${n}`;
      if (!bodies.has(k)) bodies.set(k, renderReminder(fair, key, n));
      return bodies.get(k)!;
    };
    let written = 0;
    let cursor = 0;
    const PAGE = 2000;
    for (;;) {
      const subs = await this.db.fairSubscription.findMany({
        where: { fairId, id: { gt: cursor, ...(subscriptionIds ? { in: subscriptionIds } : {}) } },
        include: { worker: { select: { lastQuery: true, homeTown: true, optedOut: true, deletedAt: true } } },
        orderBy: { id: 'asc' },
        take: PAGE,
      });
      if (!subs.length) break;
      cursor = subs[subs.length - 1].id;
      const rows: NewMessage[] = [];
      for (const s of subs) {
        if (s.worker.deletedAt) continue;
        const q = s.worker.lastQuery;
        const key = `${q ?? ''}|${s.worker.homeTown ?? ''}`;
        if (!jobsFor.has(key)) {
          jobsFor.set(key, q ? (await this.jobs.search(q, s.worker.homeTown, 1000)).filter((r) => fairPostings.has(Number(r.postingId))).length : null);
        }
        for (const t of times) {
          rows.push({
            idempotencyKey: `${fairTopic(fairId)}:v${fair.version}:${s.workerId}:${t.key}`,
            channel: s.channel,
            recipient: s.recipient,
            body: body(t.key, jobsFor.get(key)!),
            payload: { fairId, offset: t.key },
            kind: 'reminder',
            workerId: s.workerId,
            notBefore: t.at,
            topic: fairTopic(fairId),
            topicVersion: fair.version,
          });
        }
      }
      written += await enqueue(this.db, this.clock, rows);
      if (subs.length < PAGE) break;
    }
    return written;
  }

  /** After a fair's time changed (its version bumped): drop old reminders, write new ones. */
  async rescheduled(fairId: number): Promise<{ cancelled: number; written: number }> {
    const fair = await this.db.jobFair.findUniqueOrThrow({ where: { id: fairId } });
    const cancelled = await cancelTopic(this.db, fairTopic(fairId), fair.version);
    const written = await this.schedule(fairId);
    return { cancelled, written };
  }

  /** After a fair was cancelled: drop pending reminders, tell each subscriber once. */
  async cancelled(fairId: number): Promise<{ cancelled: number; notices: number }> {
    const fair = await this.db.jobFair.findUniqueOrThrow({ where: { id: fairId } });
    const cancelled = await cancelTopic(this.db, fairTopic(fairId));
    const subs = await this.db.fairSubscription.findMany({ where: { fairId }, select: { workerId: true, channel: true, recipient: true } });
    const body = renderCancellation(fair);
    const notices = await enqueue(
      this.db,
      this.clock,
      subs.map((s) => ({
        idempotencyKey: `${fairTopic(fairId)}:cancel:${s.workerId}`,
        channel: s.channel,
        recipient: s.recipient,
        body,
        kind: 'notice' as const,
        workerId: s.workerId,
        topic: fairTopic(fairId),
        topicVersion: fair.version,
      })),
    );
    return { cancelled, notices };
  }
}
