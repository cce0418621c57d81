// What a recruiter sees of a worker: trade, home township, wage wish, channel. The phone number
// only when the worker agreed to share it with this employer.
import type { Db } from '../prisma/db.ts';

export interface CandidateSummary {
  candidate: string; // "求职者#12": a worker is not named to an employer without consent
  workerId: number;
  trades: string[];
  homeTown: string | null;
  wageWish: number | null;
  channels: string[];
  interest: { id: number; postingId: number; status: string; consent: string; at: string } | null;
  /** Present only with consent for this employer. */
  phone?: string;
  matchedBy: 'interest' | 'profile';
}

export async function consentedEmployerIds(db: Db, workerId: number): Promise<Set<number>> {
  const rows = await db.interest.findMany({ where: { workerId, consent: 'granted' }, select: { posting: { select: { employerId: true } } } });
  return new Set(rows.map((r) => r.posting.employerId));
}

export async function summarise(
  db: Db,
  workerId: number,
  employerId: number,
  occupationName: (code: string) => string | null,
): Promise<Omit<CandidateSummary, 'interest' | 'matchedBy'> | null> {
  const w = await db.worker.findUnique({ where: { id: workerId }, include: { identities: { select: { channel: true } } } });
  if (!w || w.deletedAt) return null;
  const consent = await consentedEmployerIds(db, workerId);
  return {
    candidate: `求职者#${w.id}`,
    workerId: w.id,
    trades: (JSON.parse(w.trades) as string[]).map(occupationName).filter((x): x is string => !!x),
    homeTown: w.homeTown,
    wageWish: w.wageFloor,
    channels: [...new Set(w.identities.map((i) => i.channel))],
    ...(consent.has(employerId) && w.phone ? { phone: w.phone } : {}),
  };
}
