// Job alerts for workers who asked to be told ("提醒我"): postings newer than the last ones
// considered for them that fit their own words, at most one digest a day, through the outbox (so
// quiet hours and opt-out apply). "Newer" is by posting id, which only grows, so an alert never
// depends on whose clock stamped a row; postings that arrive after today's digest wait for
// tomorrow's.

import { cardLine, jobCard } from '../bot/job-card.ts';
import { enqueue } from '../delivery/outbox.ts';
import { firstChars } from '../lib/reading.ts';
import type { Clock } from '../lib/clock.ts';
import { localParts } from '../lib/time.ts';
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';

export async function sendJobAlerts(db: Db, jobs: JobIndex, clock: Clock, timeZone = 'Asia/Shanghai'): Promise<number> {
  const p = localParts(clock.now(), timeZone);
  const day = `${p.year}-${p.month}-${p.day}`;
  const newest = (await db.posting.aggregate({ _max: { id: true } }))._max.id ?? 0;
  const workers = await db.worker.findMany({
    where: { wantsAlerts: true, optedOut: false, deletedAt: null, lastQuery: { not: null }, OR: [{ alertedUpTo: null }, { alertedUpTo: { lt: newest } }] },
    include: { identities: { where: { optedOut: false }, orderBy: { id: 'desc' }, take: 1 } },
  });
  let queued = 0;
  for (const w of workers) {
    const identity = w.identities[0];
    if (!identity) continue;
    const key = `alert:${w.id}:${day}`;
    if (await db.outboundMessage.findUnique({ where: { idempotencyKey: key } })) continue; // one a day
    // A worker who just asked starts from what exists now: alerts are about what is new.
    if (w.alertedUpTo === null) {
      await db.worker.update({ where: { id: w.id }, data: { alertedUpTo: newest } });
      continue;
    }
    const since = w.alertedUpTo;
    const hits = (await jobs.search(w.lastQuery!, w.homeTown, 200)).filter((r) => Number(r.postingId) > since).slice(0, 3);
    await db.worker.update({ where: { id: w.id }, data: { alertedUpTo: newest } });
    if (!hits.length) continue;
    // The same one-line jobs as a result list, in everyday words, within the list budget.
    const lines = hits.flatMap((h, k) => {
      const row = jobs.posting(h.postingId);
      return row ? [cardLine(jobCard(row, jobs.features(h.postingId), h, k + 1, jobs.matcher.gazetteer), false)] : [];
    });
    queued += await enqueue(db, clock, [
      {
        idempotencyKey: key,
        channel: identity.channel,
        recipient: identity.address,
        workerId: w.id,
        kind: 'alert',
        body: `【惠水就业】有新活适合你：\n${lines.join('\n')}\n回“${firstChars(w.lastQuery!, 8)}”看，TD退订`,
      },
    ]);
  }
  return queued;
}
