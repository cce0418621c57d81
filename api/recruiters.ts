// Recruiters: candidates for their postings and decisions on them (their own notice channel: api/me.ts).
import { Router } from 'express';
import type { Clock } from '../lib/clock.ts';
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';
import { candidatesFor } from '../recruiters/candidates.ts';
import { DecisionError, decide } from '../recruiters/decisions.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { postingFor } from './postings.ts';
import { body, idParam, str } from './validate.ts';

export function recruiterRoutes(deps: { db: Db; clock: Clock; jobs: JobIndex }): Router {
  const { db, clock, jobs } = deps;
  const r = Router();
  const anyone = requireRole(db, clock, 'staff', 'recruiter');

  r.get('/api/postings/:id/candidates', anyone, async (req, res) => {
    const p = await postingFor(db, req.user!, idParam(req.params.id));
    res.json({ posting: { id: p.id, title: p.title, employer: p.employer.name }, candidates: await candidatesFor(db, jobs, p.id, clock.now()) });
  });

  r.patch('/api/interests/:id', anyone, async (req, res) => {
    const status = str(body(req.body), 'status', { required: true })!;
    try {
      res.json(await decide(db, clock, req.user!, idParam(req.params.id), status));
    } catch (e) {
      if (e instanceof DecisionError) throw new HttpError(e.status, e.message);
      throw e;
    }
  });

  return r;
}
