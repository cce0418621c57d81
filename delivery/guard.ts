// The last check before a message leaves: has the person opted out or asked to be forgotten,
// and is the message still true (a reminder for a fair that moved or was cancelled is not)?
import type { Db } from '../prisma/db.ts';
import type { SendGuard } from './worker.ts';

export function sendGuard(db: Db): SendGuard {
  return async (msg) => {
    if (msg.workerId !== null) {
      const w = await db.worker.findUnique({ where: { id: msg.workerId }, select: { optedOut: true, deletedAt: true } });
      if (!w || w.deletedAt) return 'worker deleted';
      if (msg.kind !== 'reply' && w.optedOut) return 'opted out';
    }
    if (msg.kind !== 'reply') {
      const id = await db.identity.findUnique({ where: { channel_address: { channel: msg.channel, address: msg.recipient } }, select: { optedOut: true } });
      if (id?.optedOut) return 'opted out';
    }
    const fair = /^fair:(\d+)$/.exec(msg.topic ?? '');
    if (fair && msg.kind === 'reminder') {
      const f = await db.jobFair.findUnique({ where: { id: Number(fair[1]) }, select: { status: true, version: true } });
      if (!f || f.status !== 'scheduled') return 'fair cancelled';
      if (msg.topicVersion !== null && msg.topicVersion !== f.version) return 'fair changed';
    }
    return null;
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
