// Draining the outbox. Any number of workers (threads of one process or several processes) can
// share the queue: a row is claimed with a conditional update (queued → sending), so only one
// worker sends it. A worker killed mid-send leaves the row in `sending` with a lease; when the
// lease runs out the row is queued again. A message may then go out twice in that one crash
// window, and is never lost.
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import type { Db } from '../prisma/db.ts';
import { forgottenFields, isEphemeral, isUrgent } from './kinds.ts';
import { type QuietHours, quietUntil } from './quiet-hours.ts';
import type { RateLimiter } from './rate-limit.ts';
import { SendError } from './send-error.ts';
import type { Sender } from './sender.ts';

export interface WorkerOptions {
  maxAttempts: number;
  leaseMs: number;
  batchSize: number;
  quietHours: QuietHours | null;
  timeZone: string;
  /** Base of the exponential backoff, in ms (1 s, 2 s, 4 s … capped at one hour). */
  backoffBaseMs: number;
  /** Messages in flight at once within a pass (the rate limit still applies). */
  concurrency: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  maxAttempts: 8,
  leaseMs: 60_000,
  batchSize: 50,
  quietHours: { start: 21, end: 8 },
  timeZone: 'Asia/Shanghai',
  backoffBaseMs: 1000,
  concurrency: 8,
};

export interface RunStats {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  deferred: number;
  /** How long until something may be due (rate limit), when nothing could be sent now. */
  waitMs: number;
}

export interface GuardedMessage {
  id: number;
  channel: string;
  recipient: string;
  kind: string;
  topic: string | null;
  topicVersion: number | null;
  workerId: number | null;
}

/** Can these messages still be sent? Checked at send time, for a whole batch at once; a reason blocks one. */
export type SendGuard = (msgs: GuardedMessage[]) => Promise<Map<number, string>>;

export class OutboxWorker {
  private readonly senders: Map<string, Sender>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private passes = 0;

  constructor(
    private readonly db: Db,
    senders: Sender[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly limiter: RateLimiter | null,
    private readonly guard: SendGuard,
    private readonly opts: WorkerOptions = DEFAULT_WORKER_OPTIONS,
    /** Called when a provider says the person opted out (blocked bot, STOP, 21610). */
    private readonly onOptOut: (channel: string, recipient: string) => Promise<void> = async () => {},
  ) {
    this.senders = new Map(senders.map((s) => [s.channel, s]));
  }

  /** Rows left in `sending` by a dead worker, past their lease, go back to the queue. */
  async recoverExpiredLeases(): Promise<number> {
    const r = await this.db.outboundMessage.updateMany({
      where: { state: 'sending', leaseUntil: { lt: this.clock.now() } },
      data: { state: 'queued', leaseUntil: null, claimedBy: null },
    });
    if (r.count) this.log.warn('outbox leases expired, requeued', { count: r.count });
    return r.count;
  }

  /**
   * One pass: take due rows, hold quiet-hour ones until morning, claim what the rate limit
   * allows in one conditional update, check the guard for the batch, send with bounded
   * concurrency, and record every outcome in one transaction.
   */
  async runOnce(): Promise<RunStats> {
    const stats: RunStats = { sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0, waitMs: 0 };
    await this.recoverExpiredLeases();
    const now = this.clock.now();
    const due = await this.db.outboundMessage.findMany({
      where: { state: 'queued', nextAttemptAt: { lte: now }, channel: { in: [...this.senders.keys()] } },
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      take: this.opts.batchSize,
    });
    if (!due.length) return stats;

    // Quiet hours hold everything nobody is waiting for until morning, without using an attempt.
    const until = quietUntil(now, this.opts.quietHours, this.opts.timeZone);
    const held = until ? due.filter((r) => !isUrgent(r.kind)) : [];
    if (held.length) {
      const r = await this.db.outboundMessage.updateMany({ where: { id: { in: held.map((h) => h.id) }, state: 'queued' }, data: { nextAttemptAt: until! } });
      stats.deferred += r.count;
    }
    let minWait = Infinity;
    const allowed: number[] = [];
    for (const row of due) {
      if (held.includes(row)) continue;
      if (this.limiter) {
        const slot = this.limiter.take(row.channel, row.recipient);
        if (!slot.ok) {
          minWait = Math.min(minWait, slot.waitMs);
          continue; // stays queued; a later pass sends it
        }
      }
      allowed.push(row.id);
    }
    stats.waitMs = Number.isFinite(minWait) ? minWait : 0;
    if (!allowed.length) return stats;

    // The claim: only rows still queued move to sending, marked with this pass's token, so
    // a row another worker claimed first is not ours.
    const token = `${process.pid}:${++this.passes}:${Math.random().toString(36).slice(2, 8)}`;
    await this.db.outboundMessage.updateMany({
      where: { id: { in: allowed }, state: 'queued' },
      data: { state: 'sending', claimedBy: token, leaseUntil: new Date(now.getTime() + this.opts.leaseMs), attempts: { increment: 1 } },
    });
    const claimed = await this.db.outboundMessage.findMany({ where: { id: { in: allowed }, claimedBy: token, state: 'sending' }, orderBy: { id: 'asc' } });
    if (!claimed.length) return stats;

    const blocked = await this.guard(claimed);
    const outcomes: { id: number; data: Record<string, unknown>; optOut?: { channel: string; recipient: string } }[] = [];
    const toSend = claimed.filter((row) => {
      const reason = blocked.get(row.id);
      if (reason) {
        outcomes.push({ id: row.id, data: this.final(row, { state: 'cancelled', lastError: reason, leaseUntil: null, claimedBy: null }) });
        stats.cancelled++;
      }
      return !reason;
    });

    if (outcomes.length) await this.db.$transaction(outcomes.map((o) => this.db.outboundMessage.update({ where: { id: o.id }, data: o.data })));

    // Each outcome is written as soon as it is known: a crash loses (and later repeats) at
    // most the messages in flight, not the whole batch.
    let next = 0;
    const lane = async () => {
      while (next < toSend.length) {
        const row = toSend[next++];
        const o = await this.sendOne(row, stats);
        await this.db.outboundMessage.update({ where: { id: o.id }, data: this.final(row, o.data) });
        if (o.optOut) await this.onOptOut(o.optOut.channel, o.optOut.recipient);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, toSend.length) }, lane));
    return stats;
  }

  /** A message that must not be kept is blanked in the same write that records its last outcome. */
  private final(row: { id: number; kind: string }, data: Record<string, unknown>): Record<string, unknown> {
    return isEphemeral(row.kind) && data.state !== 'queued' ? { ...data, ...forgottenFields(row.id) } : data;
  }

  private async sendOne(
    row: { id: number; channel: string; recipient: string; body: string; payload: string; kind: string; attempts: number },
    stats: RunStats,
  ): Promise<{ id: number; data: Record<string, unknown>; optOut?: { channel: string; recipient: string } }> {
    try {
      const sender = this.senders.get(row.channel)!;
      const res = await sender.send({ id: row.id, channel: row.channel, recipient: row.recipient, body: row.body, payload: JSON.parse(row.payload), kind: row.kind });
      stats.sent++;
      return { id: row.id, data: { state: 'sent', sentAt: this.clock.now(), providerId: res.providerId ?? null, leaseUntil: null, claimedBy: null, lastError: null } };
    } catch (err) {
      const e = err instanceof SendError ? err : SendError.retryable(`unexpected: ${(err as Error)?.message ?? String(err)}`);
      if (e.kind === 'retryable' && row.attempts < this.opts.maxAttempts) {
        const delay = e.retryAfterMs ?? Math.min(3600_000, this.opts.backoffBaseMs * 2 ** (row.attempts - 1));
        stats.retried++;
        this.log.warn('send failed, will retry', { id: row.id, channel: row.channel, attempts: row.attempts, delayMs: delay, reason: e.reason });
        return { id: row.id, data: { state: 'queued', nextAttemptAt: new Date(this.clock.now().getTime() + delay), lastError: e.reason, leaseUntil: null, claimedBy: null } };
      }
      stats.failed++;
      this.log.warn('send failed for good', { id: row.id, channel: row.channel, attempts: row.attempts, kind: e.kind, reason: e.reason });
      return {
        id: row.id,
        data: { state: 'failed', lastError: `${e.kind}: ${e.reason}`, leaseUntil: null, claimedBy: null },
        ...(e.kind === 'opted_out' ? { optOut: { channel: row.channel, recipient: row.recipient } } : {}),
      };
    }
  }

  /** Drains until nothing is due now (tests, benchmarks, a cron job). */
  async drain(maxPasses = 10_000): Promise<RunStats> {
    const total: RunStats = { sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0, waitMs: 0 };
    for (let i = 0; i < maxPasses; i++) {
      const s = await this.runOnce();
      for (const k of ['sent', 'retried', 'failed', 'cancelled', 'deferred'] as const) total[k] += s[k];
      if (s.sent + s.retried + s.failed + s.cancelled + s.deferred === 0) {
        total.waitMs = s.waitMs;
        break;
      }
    }
    return total;
  }

  /** Runs in the background, polling every pollMs (sooner when the rate limit frees a slot). */
  start(pollMs: number): void {
    if (!this.stopped) return;
    this.stopped = false;
    const tick = async () => {
      if (this.stopped) return;
      let next = pollMs;
      this.running = (async () => {
        try {
          const s = await this.runOnce();
          if (s.sent + s.retried + s.failed + s.cancelled > 0) next = 0;
          else if (s.waitMs) next = Math.min(pollMs, s.waitMs);
        } catch (err) {
          this.log.error('outbox pass failed', { err: err as Error });
        }
      })();
      await this.running;
      this.running = null;
      if (!this.stopped) this.timer = setTimeout(tick, next);
    };
    this.timer = setTimeout(tick, 0);
  }

  /** Stops polling and waits for the pass in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }
}
