// The path every channel's inbound message takes: store it (unique per channel and provider id,
// so a redelivered webhook is recognised), let the engine answer, put the answers in the outbox
// with keys derived from the inbound id, and mark it handled. A message stored but not handled
// (a crash in between) is handled when the provider redelivers it; the reply keys keep that
// from producing a second copy of a reply already queued.
import type { Engine } from '../bot/engine.ts';
import type { Inbound, Reply } from '../bot/reply.ts';
import { enqueue } from '../delivery/outbox.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import type { Db } from '../prisma/db.ts';

export interface Rendered {
  body: string;
  payload?: Record<string, unknown>;
}

export type InboundOutcome = 'handled' | 'duplicate';

/** What every channel's inbound side needs: the store, the clock, the engine, recruiter replies, a log. */
export interface ChannelDeps {
  db: Db;
  clock: Clock;
  engine: Engine;
  recruiters?: RecruiterInbox;
  log: Logger;
}

/** Messages from recruiters (replies to candidate notices) are theirs, not the worker engine's. */
export interface RecruiterInbox {
  handle(channel: string, address: string, text: string): Promise<Reply[] | null>;
}

export async function receiveInbound(
  deps: { db: Db; clock: Clock; engine: Engine; recruiters?: RecruiterInbox },
  msg: Inbound & { providerId: string },
  render: (r: Reply) => Rendered[],
): Promise<InboundOutcome> {
  const { db, engine } = deps;
  let row = await db.inboundMessage.findUnique({ where: { channel_providerId: { channel: msg.channel, providerId: msg.providerId } } });
  if (row?.handledAt) return 'duplicate';
  if (!row) {
    try {
      row = await db.inboundMessage.create({ data: { channel: msg.channel, providerId: msg.providerId, text: msg.text.slice(0, 4096) } });
    } catch (e) {
      if ((e as { code?: string }).code === 'P2002') return 'duplicate'; // the same delivery, concurrently
      throw e;
    }
  }
  const recruiterReplies = deps.recruiters ? await deps.recruiters.handle(msg.channel, msg.address, msg.text) : null;
  const { replies, workerId } = recruiterReplies ? { replies: recruiterReplies, workerId: null } : await engine.handle(msg);
  // The engine found or made the sender's identity: link the row to it, so that a deletion
  // request finds every message the worker sent. No identity after the engine's turn means this
  // very message asked to be forgotten: the row keeps only what recognises a redelivery, and
  // the answer is the one message that still goes to the worker (then it is blanked too).
  const sender = recruiterReplies ? null : await db.identity.findUnique({ where: { channel_address: { channel: msg.channel, address: msg.address } }, select: { id: true } });
  const forgotten = !recruiterReplies && !sender;
  const out = replies.flatMap(render);
  await enqueue(
    db,
    deps.clock,
    out.map((r, i) => ({
      idempotencyKey: `reply:${msg.channel}:${msg.providerId}:${i}`,
      channel: msg.channel,
      recipient: msg.address,
      body: r.body,
      payload: r.payload,
      kind: forgotten ? ('deletion-confirmation' as const) : ('reply' as const),
      workerId: forgotten ? null : workerId,
    })),
  );
  const forget = forgotten ? { text: '', ...(row.providerId.includes(msg.address) ? { providerId: `forgotten:${row.id}` } : {}) } : {};
  await db.inboundMessage.update({ where: { id: row.id }, data: { handledAt: deps.clock.now(), identityId: sender?.id ?? null, ...forget } });
  return 'handled';
}
