// Postings through the API: staff see and change all, a recruiter only their employer's.
// Bulk import (CSV or JSON Lines) is for staff; rows that cannot be used come back with line
// numbers and reasons, the rest are imported, and the same file twice creates no duplicates.

import type { User } from '@prisma/client';
import express, { type Request, Router } from 'express';
import type { Clock } from '../lib/clock.ts';
import { toBytes } from '../matching/embed/embedder.ts';
import type { PostingReader } from '../matching/reader.ts';
import { nextPostingChange } from '../postings/changes.ts';
import { importPostings, validateRaw } from '../postings/import.ts';
import type { JobIndex } from '../postings/job-index.ts';
import { ImportFileError, kindOf, MAX_IMPORT_BYTES, parseImportFile } from '../postings/parse-file.ts';
import { featureColumns, rawColumns } from '../postings/store.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { body, idParam } from './validate.ts';

export interface PostingApiDeps {
  db: Db;
  clock: Clock;
  jobs: JobIndex;
  reader: PostingReader;
  /** Called after postings were added or changed (job alerts for workers). */
  onNewPostings?: (ids: number[]) => Promise<void>;
}

/** The posting, if the user may see it: 404 when it does not exist, 403 when it is another employer's. */
export async function postingFor(db: Db, user: User, id: number) {
  const p = await db.posting.findUnique({ where: { id }, include: { employer: true } });
  if (!p) throw new HttpError(404, 'no such posting');
  if (user.role === 'recruiter' && p.employerId !== user.employerId) throw new HttpError(403, 'this posting belongs to another employer');
  return p;
}

const view = (p: {
  id: number;
  externalId: string;
  employer: { name: string };
  title: string;
  description: string;
  location: string;
  wageText: string;
  type: string;
  status: string;
  occupationName: string | null;
  city: string | null;
  county: string | null;
  town: string | null;
  monthlyMin: number | null;
  monthlyMax: number | null;
  jobType: string | null;
  headcount: number | null;
}) => ({
  id: p.id,
  externalId: p.externalId,
  employer: p.employer.name,
  title: p.title,
  description: p.description,
  location: p.location,
  wageText: p.wageText,
  type: p.type,
  status: p.status,
  headcount: p.headcount,
  understood: { occupation: p.occupationName, city: p.city, county: p.county, town: p.town, monthlyMin: p.monthlyMin, monthlyMax: p.monthlyMax, jobType: p.jobType },
});

export function postingRoutes(deps: PostingApiDeps): Router {
  const { db, clock, jobs, reader } = deps;
  const r = Router();
  const anyone = requireRole(db, clock, 'staff', 'recruiter');
  const staff = requireRole(db, clock, 'staff');

  r.get('/api/postings', anyone, async (req, res) => {
    const user = req.user!;
    const take = Math.min(200, Math.max(1, Number(req.query.limit ?? 50) || 50));
    const skip = Math.max(0, Number(req.query.offset ?? 0) || 0);
    const where = { ...(user.role === 'recruiter' ? { employerId: user.employerId ?? -1 } : {}), ...(req.query.status ? { status: String(req.query.status) } : {}) };
    const [rows, total] = await Promise.all([db.posting.findMany({ where, include: { employer: true }, orderBy: { id: 'asc' }, take, skip }), db.posting.count({ where })]);
    res.json({ total, postings: rows.map(view) });
  });

  r.get('/api/postings/:id', anyone, async (req, res) => {
    res.json(view(await postingFor(db, req.user!, idParam(req.params.id))));
  });

  // Create: a recruiter's posting is always their employer's.
  r.post('/api/postings', anyone, async (req, res) => {
    const user = req.user!;
    const b = body(req.body);
    if (user.role === 'recruiter') {
      const e = await db.employer.findUnique({ where: { id: user.employerId ?? -1 } });
      if (!e) throw new HttpError(403, 'your account has no employer');
      b.employer = e.name;
    }
    b.id ??= `api-${user.id}-${clock.now().getTime()}`;
    const raw = validateRaw(b);
    if (typeof raw === 'string') throw new HttpError(400, raw);
    if (await db.posting.findUnique({ where: { externalId: raw.id } })) throw new HttpError(409, `a posting with id ${raw.id} exists; use PATCH`);
    const report = await importPostings(db, reader, [{ line: 1, value: raw }]);
    for (const row of report.rows) await jobs.put(row);
    await deps.onNewPostings?.(report.rows.map((p) => p.id));
    res.status(201).json(view(report.rows[0]));
  });

  r.patch('/api/postings/:id', anyone, async (req, res) => {
    const old = await postingFor(db, req.user!, idParam(req.params.id));
    const b = body(req.body);
    const raw = validateRaw({
      id: old.externalId,
      employer: old.employer.name,
      title: b.title ?? old.title,
      description: b.description ?? old.description,
      location: b.location ?? old.location,
      wage_text: b.wage_text ?? old.wageText,
      type: b.type ?? old.type,
      benefits: b.benefits ?? JSON.parse(old.benefits),
      headcount: b.headcount ?? old.headcount,
      requirements: b.requirements ?? old.requirements,
    });
    if (typeof raw === 'string') throw new HttpError(400, raw);
    const [read] = await reader.read([raw]);
    const row = await db.$transaction(async (tx) =>
      tx.posting.update({
        where: { id: old.id },
        data: {
          changeSeq: await nextPostingChange(tx),
          ...rawColumns(raw),
          ...featureColumns(read.features),
          embedding: read.vector ? toBytes(read.vector) : null,
          embeddingModel: read.vector ? reader.embedder!.id : null,
        },
        include: { employer: true },
      }),
    );
    await jobs.put(row);
    res.json(view(row));
  });

  r.post('/api/postings/:id/close', anyone, async (req, res) => {
    const old = await postingFor(db, req.user!, idParam(req.params.id));
    const row = await db.$transaction(async (tx) =>
      tx.posting.update({ where: { id: old.id }, data: { status: 'closed', changeSeq: await nextPostingChange(tx) }, include: { employer: true } }),
    );
    jobs.remove(row.id);
    res.json(view(row));
  });

  // Bulk import: the body is the file itself (text/csv or application/x-ndjson).
  r.post('/api/postings/import', staff, express.raw({ type: () => true, limit: MAX_IMPORT_BYTES }), async (req: Request, res) => {
    const kind = kindOf(String(req.query.format ?? req.get('content-type') ?? ''));
    if (!kind) throw new HttpError(415, 'send the file as text/csv or application/x-ndjson (or ?format=csv|jsonl)');
    let parsed: ReturnType<typeof parseImportFile>;
    try {
      parsed = parseImportFile(new Uint8Array(req.body as Buffer), kind);
    } catch (e) {
      if (e instanceof ImportFileError) throw new HttpError(e.status, e.message);
      throw e;
    }
    const report = await importPostings(db, reader, parsed.rows);
    for (const row of report.rows) await jobs.put(row);
    await deps.onNewPostings?.(report.createdIds);
    const problems = [...parsed.problems, ...report.problems].sort((a, b) => a.line - b.line);
    res.status(problems.length && !report.created && !report.updated && !report.unchanged ? 422 : 200).json({
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
      rejected: problems.length,
      problems,
    });
  });
  return r;
}
