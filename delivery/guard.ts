// The last check before a message leaves: has the person opted out or asked to be forgotten,
// and is the message still true (a reminder for a fair that moved or was cancelled is not)?
import type { Db } from '../prisma/db.ts';
import { isAnswer } from './kinds.ts';
import type { SendGuard } from './worker.ts';

export function sendGuard(db: Db): SendGuard {
  return async (msgs) => {
    const blocked = new Map<number, string>();
    const workerIds = [...new Set(msgs.map((m) => m.workerId).filter((x): x is number => x !== null))];
    const workers = new Map((await db.worker.findMany({ where: { id: { in: workerIds } }, select: { id: true, optedOut: true, deletedAt: true } })).map((w) => [w.id, w]));
    const addresses = msgs.filter((m) => !isAnswer(m.kind)).map((m) => m.recipient);
    const optedOutIdentities = new Set(
      (await db.identity.findMany({ where: { address: { in: [...new Set(addresses)] }, optedOut: true }, select: { channel: true, address: true } })).map(
        (i) => `${i.channel}:${i.address}`,
      ),
    );
    const fairIds = [
      ...new Set(
        msgs
          .map((m) => /^fair:(\d+)$/.exec(m.topic ?? '')?.[1])
          .filter(Boolean)
          .map(Number),
      ),
    ];
    const fairs = new Map((await db.jobFair.findMany({ where: { id: { in: fairIds } }, select: { id: true, status: true, version: true } })).map((f) => [f.id, f]));
    for (const m of msgs) {
      if (m.workerId !== null) {
        const w = workers.get(m.workerId);
        // The confirmation of a deletion is the one message a forgotten worker still gets.
        if ((!w || w.deletedAt) && m.kind !== 'deletion-confirmation') {
          blocked.set(m.id, 'worker deleted');
          continue;
        }
        if (w && !isAnswer(m.kind) && w.optedOut) {
          blocked.set(m.id, 'opted out');
          continue;
        }
      }
      if (!isAnswer(m.kind) && optedOutIdentities.has(`${m.channel}:${m.recipient}`)) {
        blocked.set(m.id, 'opted out');
        continue;
      }
      const fairId = /^fair:(\d+)$/.exec(m.topic ?? '')?.[1];
      if (fairId && m.kind === 'reminder') {
        const f = fairs.get(Number(fairId));
        if (!f || f.status !== 'scheduled') blocked.set(m.id, 'fair cancelled');
        else if (m.topicVersion !== null && m.topicVersion !== f.version) blocked.set(m.id, 'fair changed');
      }
    }
    return blocked;
  };
}

/** A provider said the person opted out: remember it for that channel address and the worker. */
export function markOptedOut(db: Db, now: () => Date) {
  return async (channel: string, recipient: string) => {
    const id = await db.identity.findUnique({ where: { channel_address: { channel, address: recipient } } });
    if (!id) return;
    await db.identity.update({ where: { id: id.id }, data: { optedOut: true, optedOutAt: now() } });
    // On SMS the number is the person: STOP at the carrier stops everything.
    if (channel === 'sms') await db.worker.update({ where: { id: id.workerId }, data: { optedOut: true, optedOutAt: now() } });
  };
}
