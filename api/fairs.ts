// Staff manage job fairs: create, change, cancel, and see who subscribed and confirmed. Fairs are
// staff business only: recruiters get 403 on every /api/fairs route.
import { Router } from 'express';
import { z } from 'zod';
import type { FairReminders } from '../delivery/reminders.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { type Role, requireRole } from './auth.ts';
import { DbId, IdParams, Instant, mount, type RouteSpec, TimeZone, text } from './validate.ts';

const Bus = z.strictObject({ place: text(50, 1), departsAt: Instant });

const fields = {
  name: text(100, 1),
  venue: text(100, 1),
  organiser: text(100),
  // What to bring (身份证、简历、有证书带上): short, so the chat can quote it within one SMS.
  bring: text(60),
  timeZone: TimeZone,
  startsAt: Instant,
  endsAt: Instant,
  postingIds: z.array(DbId).max(500),
  buses: z.array(Bus).max(20),
};

export const FairCreate = z
  .strictObject({
    name: fields.name,
    venue: fields.venue,
    organiser: fields.organiser.optional(),
    bring: fields.bring.optional(),
    timeZone: fields.timeZone.optional(),
    startsAt: fields.startsAt,
    endsAt: fields.endsAt,
    postingIds: fields.postingIds.optional(),
    buses: fields.buses.optional(),
  })
  .refine((f) => f.endsAt > f.startsAt, { message: 'must be after startsAt', path: ['endsAt'] });

/** Lists given replace the fair's lists; absent fields stay as they are. */
export const FairPatch = z.strictObject({
  name: fields.name.optional(),
  venue: fields.venue.optional(),
  organiser: fields.organiser.optional(),
  bring: fields.bring.optional(),
  timeZone: fields.timeZone.optional(),
  startsAt: fields.startsAt.optional(),
  endsAt: fields.endsAt.optional(),
  postingIds: fields.postingIds.optional(),
  buses: fields.buses.optional(),
});

const STAFF = ['staff'] as const satisfies Role[];

export const FAIR_ROUTES = {
  list: { method: 'get', path: '/api/fairs', roles: STAFF, summary: 'Staff: upcoming fairs', responses: { 200: '{fairs}' } },
  get: { method: 'get', path: '/api/fairs/:id', roles: STAFF, params: IdParams, summary: 'Staff: one fair', responses: { 200: 'fair', 404: 'no such fair' } },
  create: {
    method: 'post',
    path: '/api/fairs',
    roles: STAFF,
    body: FairCreate,
    summary: 'Staff: create a fair',
    responses: { 201: 'fair', 400: 'bad input, or unknown postingIds' },
  },
  patch: {
    method: 'patch',
    path: '/api/fairs/:id',
    roles: STAFF,
    params: IdParams,
    body: FairPatch,
    summary: 'Staff: change a fair (a new time reschedules reminders; postingIds and buses replace the lists)',
    responses: { 200: 'fair', 404: 'no such fair', 409: 'the fair is cancelled' },
  },
  cancel: { method: 'post', path: '/api/fairs/:id/cancel', roles: STAFF, params: IdParams, summary: 'Staff: cancel (subscribers get one notice)', responses: { 200: 'fair' } },
  stats: { method: 'get', path: '/api/fairs/:id/stats', roles: STAFF, params: IdParams, summary: 'Staff: subscribers, confirmations, reminders', responses: { 200: 'stats' } },
} as const satisfies Record<string, RouteSpec>;

export function fairRoutes(deps: { db: Db; clock: Clock; reminders: FairReminders }): Router {
  const { db, clock, reminders } = deps;
  const r = Router();
  const gate = (roles: readonly Role[]) => requireRole(db, clock, ...roles);
  const F = FAIR_ROUTES;

  const view = (id: number) =>
    db.jobFair.findUniqueOrThrow({ where: { id }, include: { buses: { orderBy: { departsAt: 'asc' } }, _count: { select: { postings: true, subscriptions: true } } } });

  const knownPostings = async (ids: number[]) => {
    const unique = [...new Set(ids)];
    if ((await db.posting.count({ where: { id: { in: unique } } })) !== unique.length) throw new HttpError(400, 'postingIds: contains unknown postings');
    return unique;
  };

  mount(r, gate, F.list, async (_req, res) => {
    const fairs = await db.jobFair.findMany({
      where: { endsAt: { gt: clock.now() } },
      orderBy: { startsAt: 'asc' },
      include: { _count: { select: { postings: true, subscriptions: true } } },
    });
    res.json({ fairs });
  });

  mount(r, gate, F.get, async (_req, res, { params: { id } }) => {
    if (!(await db.jobFair.findUnique({ where: { id } }))) throw new HttpError(404, 'no such fair');
    res.json(await view(id));
  });

  mount(r, gate, F.create, async (_req, res, { body: b }) => {
    const postingIds = await knownPostings(b.postingIds ?? []);
    const fair = await db.jobFair.create({
      data: {
        name: b.name,
        venue: b.venue,
        organiser: b.organiser ?? '',
        bring: b.bring ?? '',
        timeZone: b.timeZone ?? 'Asia/Shanghai',
        startsAt: b.startsAt,
        endsAt: b.endsAt,
        postings: { create: postingIds.map((postingId) => ({ postingId })) },
        buses: { create: b.buses ?? [] },
      },
    });
    res.status(201).json(await view(fair.id));
  });

  mount(r, gate, F.patch, async (_req, res, { params: { id }, body: b }) => {
    const old = await db.jobFair.findUnique({ where: { id } });
    if (!old) throw new HttpError(404, 'no such fair');
    if (old.status !== 'scheduled') throw new HttpError(409, 'the fair is cancelled');
    const startsAt = b.startsAt ?? old.startsAt;
    const endsAt = b.endsAt ?? old.endsAt;
    if (endsAt <= startsAt) throw new HttpError(400, 'endsAt: must be after startsAt');
    const tz = b.timeZone ?? old.timeZone;
    const timeChanged = startsAt.getTime() !== old.startsAt.getTime() || tz !== old.timeZone;
    const postingIds = b.postingIds && (await knownPostings(b.postingIds));
    await db.$transaction(
      async (tx) => {
        await tx.jobFair.update({
          where: { id },
          data: {
            name: b.name ?? old.name,
            venue: b.venue ?? old.venue,
            organiser: b.organiser ?? old.organiser,
            bring: b.bring ?? old.bring,
            timeZone: tz,
            startsAt,
            endsAt,
            ...(timeChanged ? { version: { increment: 1 } } : {}),
          },
        });
        if (b.buses) {
          await tx.busDeparture.deleteMany({ where: { fairId: id } });
          await tx.busDeparture.createMany({ data: b.buses.map((x) => ({ ...x, fairId: id })) });
        }
        if (postingIds) {
          await tx.fairPosting.deleteMany({ where: { fairId: id } });
          await tx.fairPosting.createMany({ data: postingIds.map((postingId) => ({ fairId: id, postingId })) });
        }
      },
      { timeout: 30_000, maxWait: 20_000 },
    );
    const rescheduled = timeChanged ? await reminders.rescheduled(id) : null;
    res.json({ ...(await view(id)), rescheduled });
  });

  mount(r, gate, F.cancel, async (_req, res, { params: { id } }) => {
    const old = await db.jobFair.findUnique({ where: { id } });
    if (!old) throw new HttpError(404, 'no such fair');
    if (old.status === 'cancelled') {
      res.json({ ...(await view(id)), cancelled: 0, notices: 0 });
      return;
    }
    await db.jobFair.update({ where: { id }, data: { status: 'cancelled' } });
    res.json({ ...(await view(id)), ...(await reminders.cancelled(id)) });
  });

  mount(r, gate, F.stats, async (_req, res, { params: { id } }) => {
    if (!(await db.jobFair.findUnique({ where: { id } }))) throw new HttpError(404, 'no such fair');
    const [subscribed, confirmed, reminders] = await Promise.all([
      db.fairSubscription.count({ where: { fairId: id } }),
      db.fairSubscription.count({ where: { fairId: id, confirmedAt: { not: null } } }),
      db.outboundMessage.groupBy({ by: ['state'], where: { topic: `fair:${id}`, kind: 'reminder' }, _count: true }),
    ]);
    res.json({ subscribed, confirmed, reminders: Object.fromEntries(reminders.map((g) => [g.state, g._count])) });
  });
  return r;
}
