// Staff manage job fairs: create, change, cancel, and see who subscribed and confirmed.
import { Router } from 'express';
import type { FairReminders } from '../delivery/reminders.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { type Body, body, date, idParam, intList, str } from './validate.ts';

function buses(b: Body): { place: string; departsAt: Date }[] | undefined {
  const v = b.buses;
  if (v === undefined) return undefined;
  if (!Array.isArray(v)) throw new HttpError(400, '"buses" must be a list of {"place","departsAt"}');
  return v.map((x, i) => {
    const o = body(x);
    const place = str(o, 'place', { required: true, max: 50 });
    const departsAt = date(o, 'departsAt', true);
    if (!place || !departsAt) throw new HttpError(400, `buses[${i}] needs place and departsAt`);
    return { place, departsAt };
  });
}

function timeZone(b: Body): string | undefined {
  const tz = str(b, 'timeZone', { max: 64 });
  if (tz === undefined) return undefined;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
  } catch {
    throw new HttpError(400, `"timeZone" ${tz} is not a known IANA time zone`);
  }
  return tz;
}

export function fairRoutes(deps: { db: Db; clock: Clock; reminders: FairReminders }): Router {
  const { db, clock, reminders } = deps;
  const r = Router();
  const staff = requireRole(db, clock, 'staff');

  const view = (id: number) =>
    db.jobFair.findUniqueOrThrow({ where: { id }, include: { buses: { orderBy: { departsAt: 'asc' } }, _count: { select: { postings: true, subscriptions: true } } } });

  r.get('/api/fairs', requireRole(db, clock, 'staff', 'recruiter'), async (_req, res) => {
    const fairs = await db.jobFair.findMany({
      where: { endsAt: { gt: clock.now() } },
      orderBy: { startsAt: 'asc' },
      include: { _count: { select: { postings: true, subscriptions: true } } },
    });
    res.json({ fairs });
  });

  r.get('/api/fairs/:id', requireRole(db, clock, 'staff', 'recruiter'), async (req, res) => {
    const id = idParam(req.params.id);
    if (!(await db.jobFair.findUnique({ where: { id } }))) throw new HttpError(404, 'no such fair');
    res.json(await view(id));
  });

  r.post('/api/fairs', staff, async (req, res) => {
    const b = body(req.body);
    const startsAt = date(b, 'startsAt', true)!;
    const endsAt = date(b, 'endsAt', true)!;
    if (endsAt <= startsAt) throw new HttpError(400, '"endsAt" must be after "startsAt"');
    const postingIds = intList(b, 'postingIds') ?? [];
    const found = await db.posting.count({ where: { id: { in: postingIds } } });
    if (found !== new Set(postingIds).size) throw new HttpError(400, '"postingIds" contains unknown postings');
    const fair = await db.jobFair.create({
      data: {
        name: str(b, 'name', { required: true, max: 100 })!,
        venue: str(b, 'venue', { required: true, max: 100 })!,
        organiser: str(b, 'organiser', { max: 100 }) ?? '',
        timeZone: timeZone(b) ?? 'Asia/Shanghai',
        startsAt,
        endsAt,
        postings: { create: [...new Set(postingIds)].map((postingId) => ({ postingId })) },
        buses: { create: buses(b) ?? [] },
      },
    });
    res.status(201).json(await view(fair.id));
  });

  r.patch('/api/fairs/:id', staff, async (req, res) => {
    const id = idParam(req.params.id);
    const old = await db.jobFair.findUnique({ where: { id } });
    if (!old) throw new HttpError(404, 'no such fair');
    if (old.status !== 'scheduled') throw new HttpError(409, 'the fair is cancelled');
    const b = body(req.body);
    const startsAt = date(b, 'startsAt') ?? old.startsAt;
    const endsAt = date(b, 'endsAt') ?? old.endsAt;
    if (endsAt <= startsAt) throw new HttpError(400, '"endsAt" must be after "startsAt"');
    const tz = timeZone(b) ?? old.timeZone;
    const timeChanged = startsAt.getTime() !== old.startsAt.getTime() || tz !== old.timeZone;
    const newBuses = buses(b);
    const postingIds = intList(b, 'postingIds');
    await db.$transaction(
      async (tx) => {
        await tx.jobFair.update({
          where: { id },
          data: {
            name: str(b, 'name', { max: 100 }) ?? old.name,
            venue: str(b, 'venue', { max: 100 }) ?? old.venue,
            organiser: str(b, 'organiser', { max: 100 }) ?? old.organiser,
            timeZone: tz,
            startsAt,
            endsAt,
            ...(timeChanged ? { version: { increment: 1 } } : {}),
          },
        });
        if (newBuses) {
          await tx.busDeparture.deleteMany({ where: { fairId: id } });
          await tx.busDeparture.createMany({ data: newBuses.map((x) => ({ ...x, fairId: id })) });
        }
        if (postingIds) {
          await tx.fairPosting.deleteMany({ where: { fairId: id } });
          await tx.fairPosting.createMany({ data: [...new Set(postingIds)].map((postingId) => ({ fairId: id, postingId })) });
        }
      },
      { timeout: 30_000, maxWait: 20_000 },
    );
    const rescheduled = timeChanged ? await reminders.rescheduled(id) : null;
    res.json({ ...(await view(id)), rescheduled });
  });

  r.post('/api/fairs/:id/cancel', staff, async (req, res) => {
    const id = idParam(req.params.id);
    const old = await db.jobFair.findUnique({ where: { id } });
    if (!old) throw new HttpError(404, 'no such fair');
    if (old.status === 'cancelled') {
      res.json({ ...(await view(id)), cancelled: 0, notices: 0 });
      return;
    }
    await db.jobFair.update({ where: { id }, data: { status: 'cancelled' } });
    res.json({ ...(await view(id)), ...(await reminders.cancelled(id)) });
  });

  r.get('/api/fairs/:id/stats', staff, async (req, res) => {
    const id = idParam(req.params.id);
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
