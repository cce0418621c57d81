// Candidates for a posting: the workers who said they are interested, then workers whose own
// words fit it well (reverse matching with the same matcher). Contact details only with consent.
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';
import { type CandidateSummary, summarise } from './summary.ts';

/** Workers heard from within this many days are considered for reverse matching. */
const ACTIVE_DAYS = 90;
const MAX_PROFILE_MATCHES = 50;

export async function candidatesFor(db: Db, jobs: JobIndex, postingId: number, now: Date): Promise<CandidateSummary[]> {
  const posting = await db.posting.findUniqueOrThrow({ where: { id: postingId } });
  const occupationName = (code: string) => jobs.matcher.lexicon.occupation(code)?.name ?? null;
  const out: CandidateSummary[] = [];
  const interests = await db.interest.findMany({ where: { postingId }, orderBy: { id: 'asc' } });
  for (const i of interests) {
    const s = await summarise(db, i.workerId, posting.employerId, occupationName);
    if (s) out.push({ ...s, matchedBy: 'interest', interest: { id: i.id, postingId, status: i.status, consent: i.consent, at: i.createdAt.toISOString() } });
  }
  const seen = new Set(interests.map((i) => i.workerId));
  const workers = await db.worker.findMany({
    where: { lastQuery: { not: null }, deletedAt: null, optedOut: false, updatedAt: { gte: new Date(now.getTime() - ACTIVE_DAYS * 86400_000) } },
    select: { id: true, lastQuery: true, homeTown: true },
    take: 5000,
    orderBy: { updatedAt: 'desc' },
  });
  const fits = workers
    .filter((w) => !seen.has(w.id))
    .map((w) => ({ w, fit: jobs.matcher.scoreOne(String(postingId), { text: w.lastQuery!, home: w.homeTown }) }))
    .filter((x) => x.fit?.exactTrade)
    .sort((a, b) => b.fit!.score - a.fit!.score)
    .slice(0, MAX_PROFILE_MATCHES);
  for (const { w } of fits) {
    const s = await summarise(db, w.id, posting.employerId, occupationName);
    if (s) out.push({ ...s, matchedBy: 'profile', interest: null });
  }
  return out;
}
