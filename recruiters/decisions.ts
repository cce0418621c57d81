// A recruiter's decision on a candidate (contacted, hired, not suitable), from the API or a reply
// to a notice. The worker is told politely, once per decision.
import type { User } from '@prisma/client';
import { cardTitle } from '../bot/job-card.ts';
import { enqueue } from '../delivery/outbox.ts';
import { firstChars } from '../lib/reading.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';

export const STATUSES = ['contacted', 'hired', 'not_suitable'] as const;
export type Status = (typeof STATUSES)[number];

/** What the worker hears, within a short reply's budget: the job in everyday words, the employer cut short. */
export const TELL_WORKER: Record<Status, (title: string, employer: string) => string> = {
  contacted: (t, e) => `${e}看到你报名“${t}”了，会打电话给你。`,
  hired: (t, e) => `恭喜！${e}录用你做“${t}”，等公司通知上班。`,
  not_suitable: (t, e) => `${e}这次没选上你（${t}）。回“找工作”看别的活。`,
};

export class DecisionError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function decide(db: Db, clock: Clock, user: User, interestId: number, status: string): Promise<{ id: number; status: Status }> {
  if (!(STATUSES as readonly string[]).includes(status)) throw new DecisionError(400, `status must be one of ${STATUSES.join(', ')}`);
  const i = await db.interest.findUnique({ where: { id: interestId }, include: { posting: { include: { employer: true } }, worker: { include: { identities: true } } } });
  if (!i) throw new DecisionError(404, 'no such candidate');
  if (user.role === 'recruiter' && i.posting.employerId !== user.employerId) throw new DecisionError(403, 'this candidate applied to another employer');
  if (i.status !== status) {
    await db.interest.update({ where: { id: i.id }, data: { status } });
    // The worker hears it where they last talked to us (the guard drops it if they opted out).
    const identity = [...i.worker.identities].filter((x) => !x.optedOut).sort((a, b) => b.id - a.id)[0];
    if (identity && !i.worker.deletedAt) {
      await enqueue(db, clock, [
        {
          idempotencyKey: `decision:${i.id}:${status}`,
          channel: identity.channel,
          recipient: identity.address,
          workerId: i.workerId,
          kind: 'notice',
          body: TELL_WORKER[status as Status](cardTitle(i.posting, i.posting.occupationCode), firstChars(i.posting.employer.name, 10)),
        },
      ]);
    }
  }
  return { id: i.id, status: status as Status };
}
