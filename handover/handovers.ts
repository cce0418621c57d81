// Handing a conversation to staff: a worker asked for a person, or the chat did not understand
// them. The chat opens a hand-over and tells the worker when someone will answer; staff read the
// conversation and answer (api/handovers.ts), and the answer reaches the worker through the outbox
// on the channel they wrote from. One open hand-over per identity: a second request adds to it.
import type { Handover } from '@prisma/client';
import { enqueue } from '../delivery/outbox.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { answerBy, DEFAULT_STAFF_HOURS, type StaffHours } from './staff-hours.ts';

export type HandoverReason = 'asked' | 'not_understood';
export type HandoverStatus = 'open' | 'answered' | 'closed';
export const HANDOVER_STATUSES = ['open', 'answered', 'closed'] as const;

export const MAX_LAST_TEXT = 500;
export const MAX_REPLY = 300;
/** How much of the conversation staff see with each hand-over. */
export const TRANSCRIPT_LENGTH = 20;

export interface TranscriptLine {
  from: 'worker' | 'bot' | 'staff';
  text: string;
  at: Date;
}

export class HandoverClosedError extends Error {}

/** The worker's words, cut between characters (never inside a surrogate pair). */
const cut = (text: string, max: number) => Array.from(text).slice(0, max).join('');

export class Handovers {
  private readonly hours: StaffHours;
  private readonly timeZone: string;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    config: { staffHours?: StaffHours; timeZone?: string } = {},
  ) {
    this.hours = config.staffHours ?? DEFAULT_STAFF_HOURS;
    this.timeZone = config.timeZone ?? 'Asia/Shanghai';
  }

  /**
   * Opens a hand-over, or adds to the identity's open (or answered) one: its lastText becomes
   * this message and it is open again, since the worker now waits for staff once more.
   * `answerBy` is the phrase for the worker: "1小时内", "今天9点后", "明天9点后", "周一9点后".
   */
  async open(input: {
    workerId: number;
    identityId: number | null;
    channel: string;
    address: string;
    reason: HandoverReason;
    lastText: string;
  }): Promise<{ id: number; created: boolean; answerBy: string }> {
    const now = this.clock.now();
    const by = answerBy(now, this.hours, this.timeZone);
    const lastText = cut(input.lastText, MAX_LAST_TEXT);
    for (let attempt = 0; ; attempt++) {
      const existing = input.identityId === null ? null : await this.db.handover.findUnique({ where: { openFor: input.identityId } });
      if (existing) {
        await this.db.handover.update({
          where: { id: existing.id },
          // A worker who now asks for a person is "asked", whatever opened it.
          data: { lastText, status: 'open', updatedAt: now, ...(input.reason === 'asked' ? { reason: 'asked' } : {}) },
        });
        return { id: existing.id, created: false, answerBy: by };
      }
      try {
        const row = await this.db.handover.create({
          data: {
            workerId: input.workerId,
            identityId: input.identityId,
            openFor: input.identityId,
            channel: input.channel,
            address: input.address,
            reason: input.reason,
            lastText,
            status: 'open',
            createdAt: now,
            updatedAt: now,
          },
        });
        return { id: row.id, created: true, answerBy: by };
      } catch (e) {
        // Another turn of the same identity opened one between the read and the write: use it.
        if ((e as { code?: string }).code !== 'P2002' || attempt > 0) throw e;
      }
    }
  }

  /** Whether the identity has a hand-over staff have not closed. */
  async isOpen(identityId: number): Promise<boolean> {
    return (await this.db.handover.count({ where: { openFor: identityId } })) > 0;
  }

  /** Hand-overs in the given states, newest first, each with the last messages of its conversation. */
  async list(statuses: readonly HandoverStatus[], limit = 50): Promise<(Handover & { messages: TranscriptLine[] })[]> {
    const rows = await this.db.handover.findMany({ where: { status: { in: [...statuses] } }, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit });
    return Promise.all(rows.map(async (h) => ({ ...h, messages: await this.transcript(h) })));
  }

  /**
   * The conversation's last messages, oldest first: what the worker sent from this identity, and
   * what was sent to their channel and address (the chat's replies, notices, staff answers).
   * Both tables stamp rows as they are written, so a reply sorts after the message it answers.
   */
  async transcript(h: Pick<Handover, 'identityId' | 'channel' | 'address'>): Promise<TranscriptLine[]> {
    const [inbound, outbound] = await Promise.all([
      h.identityId === null
        ? []
        : this.db.inboundMessage.findMany({ where: { identityId: h.identityId }, orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }], take: TRANSCRIPT_LENGTH }),
      this.db.outboundMessage.findMany({
        // A cancelled message never reached the worker.
        where: { channel: h.channel, recipient: h.address, state: { not: 'cancelled' } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: TRANSCRIPT_LENGTH,
      }),
    ]);
    const lines = [
      ...inbound.map((m) => ({ from: 'worker' as const, text: m.text, at: m.receivedAt, order: 0, id: m.id })),
      ...outbound.map((m) => ({ from: m.kind === 'staff-reply' ? ('staff' as const) : ('bot' as const), text: m.body, at: m.createdAt, order: 1, id: m.id })),
    ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order || a.id - b.id);
    return lines.slice(-TRANSCRIPT_LENGTH).map(({ from, text, at }) => ({ from, text, at }));
  }

  /**
   * A staff member's answer, queued to the worker's channel and address as kind "staff-reply"
   * (delivered like a reply: the worker asked for it). Throws HandoverClosedError when closed;
   * null when there is no such hand-over.
   */
  async reply(id: number, userId: number, text: string): Promise<{ replyId: number; outboundId: number } | null> {
    const h = await this.db.handover.findUnique({ where: { id } });
    if (!h) return null;
    if (h.status === 'closed') throw new HandoverClosedError(`hand-over ${id} is closed`);
    const now = this.clock.now();
    const reply = await this.db.handoverReply.create({ data: { handoverId: id, userId, text, createdAt: now } });
    const key = `staff-reply:${reply.id}`;
    try {
      await enqueue(this.db, this.clock, [
        {
          idempotencyKey: key,
          channel: h.channel,
          recipient: h.address,
          workerId: h.workerId,
          kind: 'staff-reply',
          topic: `handover:${id}`,
          body: `【惠水就业】工作人员回复：${text}`,
        },
      ]);
    } catch (e) {
      // Not queued, so not recorded as given: staff see the error and send it again.
      await this.db.handoverReply.delete({ where: { id: reply.id } });
      throw e;
    }
    const out = await this.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: key }, select: { id: true } });
    await this.db.$transaction([
      this.db.handoverReply.update({ where: { id: reply.id }, data: { outboundId: out.id } }),
      // Closed meanwhile by someone else: it stays closed.
      this.db.handover.updateMany({ where: { id, status: { not: 'closed' } }, data: { status: 'answered', updatedAt: now } }),
    ]);
    return { replyId: reply.id, outboundId: out.id };
  }

  /** Closes the hand-over (again: no change); the identity may open a new one afterwards. Null when there is no such hand-over. */
  async close(id: number): Promise<Handover | null> {
    const h = await this.db.handover.findUnique({ where: { id } });
    if (!h) return null;
    if (h.status === 'closed') return h;
    const now = this.clock.now();
    return this.db.handover.update({ where: { id }, data: { status: 'closed', openFor: null, closedAt: now, updatedAt: now } });
  }
}
