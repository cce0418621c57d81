// Putting messages into the outbox. The idempotency key is unique in the schema: enqueueing the
// same message twice (a retried webhook, a rescheduled reminder) is a no-op, not a duplicate.
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import type { MessageKind } from './kinds.ts';

export interface NewMessage {
  idempotencyKey: string;
  channel: string;
  recipient: string;
  body: string;
  payload?: Record<string, unknown>;
  kind?: MessageKind;
  workerId?: number | null;
  notBefore?: Date;
  topic?: string;
  topicVersion?: number;
}

/** Adds messages; returns how many were new (duplicates by idempotency key are skipped). */
export async function enqueue(db: Db, clock: Clock, messages: NewMessage[]): Promise<number> {
  let created = 0;
  const now = clock.now();
  // SQLite has no skipDuplicates in createMany; one insert per row inside a transaction, with
  // INSERT OR IGNORE semantics through the unique key, keeps it atomic and fast enough.
  const CHUNK = 500;
  for (let i = 0; i < messages.length; i += CHUNK) {
    const chunk = messages.slice(i, i + CHUNK);
    const keys = chunk.map((m) => m.idempotencyKey);
    await db.$transaction(
      async (tx) => {
        const existing = new Set((await tx.outboundMessage.findMany({ where: { idempotencyKey: { in: keys } }, select: { idempotencyKey: true } })).map((r) => r.idempotencyKey));
        const fresh = chunk.filter((m, j) => !existing.has(m.idempotencyKey) && keys.indexOf(m.idempotencyKey) === j);
        if (!fresh.length) return;
        const r = await tx.outboundMessage.createMany({
          data: fresh.map((m) => ({
            idempotencyKey: m.idempotencyKey,
            channel: m.channel,
            recipient: m.recipient,
            body: m.body,
            payload: JSON.stringify(m.payload ?? {}),
            kind: m.kind ?? 'reply',
            workerId: m.workerId ?? null,
            nextAttemptAt: m.notBefore ?? now,
            topic: m.topic ?? null,
            topicVersion: m.topicVersion ?? null,
          })),
        });
        created += r.count;
      },
      { timeout: 30_000, maxWait: 20_000 },
    );
  }
  return created;
}

/** Cancels messages not yet sent for a topic (a moved or cancelled fair), older than a version. */
export async function cancelTopic(db: Db, topic: string, belowVersion?: number): Promise<number> {
  const r = await db.outboundMessage.updateMany({
    where: { topic, state: 'queued', ...(belowVersion !== undefined ? { topicVersion: { lt: belowVersion } } : {}) },
    data: { state: 'cancelled', lastError: 'superseded' },
  });
  return r.count;
}
