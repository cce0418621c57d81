// What the programme achieved, for staff: postings, interest, consents, contacts, hires, and fair
// reminders and confirmations, in total and by fair, township and trade. Counts survive a
// worker's deletion request: the anonymised rows still count, nobody is identified.
import { Router } from 'express';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { type Role, requireRole } from './auth.ts';
import { mount, type RouteSpec } from './validate.ts';

export const STATS_ROUTES = {
  stats: { method: 'get', path: '/api/stats', roles: ['staff'], summary: 'Staff: programme statistics by fair, township and trade', responses: { 200: 'stats' } },
} as const satisfies Record<string, RouteSpec>;

export function statsRoutes(deps: { db: Db; clock: Clock }): Router {
  const { db, clock } = deps;
  const r = Router();
  mount(
    r,
    (roles: readonly Role[]) => requireRole(db, clock, ...roles),
    STATS_ROUTES.stats,
    async (_req, res) => {
      const [postings, openPostings, workers, interests, interestedWorkers, consents, contacted, hired, remindersSent, fairs] = await Promise.all([
        db.posting.count(),
        db.posting.count({ where: { status: 'open' } }),
        db.worker.count(),
        db.interest.count(),
        db.interest.groupBy({ by: ['workerId'] }).then((g) => g.length),
        db.interest.count({ where: { consent: 'granted' } }),
        db.interest.count({ where: { status: { in: ['contacted', 'hired'] } } }),
        db.interest.count({ where: { status: 'hired' } }),
        db.outboundMessage.count({ where: { kind: 'reminder', state: 'sent' } }),
        db.jobFair.findMany({ orderBy: { startsAt: 'asc' }, include: { _count: { select: { subscriptions: true, postings: true } } } }),
      ]);
      const byFair = await Promise.all(
        fairs.map(async (f) => ({
          fairId: f.id,
          name: f.name,
          startsAt: f.startsAt,
          status: f.status,
          postings: f._count.postings,
          subscribed: f._count.subscriptions,
          confirmed: await db.fairSubscription.count({ where: { fairId: f.id, confirmedAt: { not: null } } }),
          remindersSent: await db.outboundMessage.count({ where: { topic: `fair:${f.id}`, kind: 'reminder', state: 'sent' } }),
        })),
      );
      const interestRows = await db.interest.findMany({
        select: { status: true, consent: true, worker: { select: { homeTown: true } }, posting: { select: { occupationName: true } } },
      });
      const group = (key: (i: (typeof interestRows)[number]) => string) => {
        const m = new Map<string, { interests: number; consents: number; contacted: number; hired: number }>();
        for (const i of interestRows) {
          const k = key(i);
          const g = m.get(k) ?? { interests: 0, consents: 0, contacted: 0, hired: 0 };
          g.interests++;
          if (i.consent === 'granted') g.consents++;
          if (i.status === 'contacted' || i.status === 'hired') g.contacted++;
          if (i.status === 'hired') g.hired++;
          m.set(k, g);
        }
        return [...m].map(([k, v]) => ({ key: k, ...v })).sort((a, b) => b.interests - a.interests);
      };
      const postingsByTrade = await db.posting.groupBy({ by: ['occupationName'], _count: true, where: { status: 'open' } });
      const workersByTown = await db.worker.groupBy({ by: ['homeTown'], _count: true });
      res.json({
        totals: {
          postings,
          openPostings,
          workers,
          interests,
          interestedWorkers,
          consents,
          contacted,
          hired,
          remindersSent,
          fairConfirmed: byFair.reduce((a, f) => a + f.confirmed, 0),
        },
        byFair,
        byTownship: group((i) => i.worker.homeTown ?? '未知').map((g) => ({
          township: g.key,
          workers: workersByTown.find((w) => (w.homeTown ?? '未知') === g.key)?._count ?? 0,
          ...g,
          key: undefined,
        })),
        byTrade: group((i) => i.posting.occupationName ?? '未分类').map((g) => ({
          trade: g.key,
          openPostings: postingsByTrade.find((p) => (p.occupationName ?? '未分类') === g.key)?._count ?? 0,
          ...g,
          key: undefined,
        })),
      });
    },
  );
  return r;
}
