// Draining the outbox. Any number of workers (threads of one process or several processes) can
// share the queue: a row is claimed with a conditional update (queued → sending), so only one
// worker sends it. A worker killed mid-send leaves the row in `sending` with a lease; when the
// lease runs out the row is queued again. A message may then go out twice in that one crash
// window, and is never lost.
import type { Clock } from '../app/clock.ts';
import type { Logger } from '../app/log.ts';
import type { Db } from '../prisma/db.ts';
import { quietUntil, type QuietHours } from './quiet-hours.ts';
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
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  maxAttempts: 8,
  leaseMs: 60_000,
  batchSize: 50,
  quietHours: { start: 21, end: 8 },
  timeZone: 'Asia/Shanghai',
  backoffBaseMs: 1000,
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

/** Can this message still be sent? Checked at send time, not only when it was queued. */
export interface SendGuard {
  (msg: { channel: string; recipient: string; kind: string; topic: string | null; topicVersion: number | null; workerId: number | null }): Promise<string | null>;
}

export class OutboxWorker {
  private readonly senders: Map<string, Sender>;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;

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
      data: { state: 'queued', leaseUntil: null },
    });
    if (r.count) this.log.warn('outbox leases expired, requeued', { count: r.count });
    return r.count;
  }

  /** One pass: claim due rows and send them. Returns what happened. */
  async runOnce(): Promise<RunStats> {
    const stats: RunStats = { sent: 0, retried: 0, failed: 0, cancelled: 0, deferred: 0, waitMs: 0 };
    await this.recoverExpiredLeases();
    const now = this.clock.now();
    const due = await this.db.outboundMessage.findMany({
      where: { state: 'queued', nextAttemptAt: { lte: now }, channel: { in: [...this.senders.keys()] } },
      orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
      take: this.opts.batchSize,
    });
    let minWait = Infinity;
    for (const row of due) {
      // Quiet hours hold everything but direct replies until morning, without using an attempt.
      if (row.kind !== 'reply') {
        const until = quietUntil(this.clock.now(), this.opts.quietHours, this.opts.timeZone);
        if (until) {
          await this.db.outboundMessage.updateMany({ where: { id: row.id, state: 'queued' }, data: { nextAttemptAt: until } });
          stats.deferred++;
          continue;
        }
      }
      if (this.limiter) {
        const slot = this.limiter.take(row.channel, row.recipient);
        if (!slot.ok) {
          minWait = Math.min(minWait, slot.waitMs);
          continue; // stays queued; a later pass sends it
        }
      }
      const claimed = await this.db.outboundMessage.updateMany({
        where: { id: row.id, state: 'queued' },
        data: { state: 'sending', leaseUntil: new Date(this.clock.now().getTime() + this.opts.leaseMs), attempts: { increment: 1 } },
      });
      if (claimed.count === 0) continue; // another worker has it
      const attempts = row.attempts + 1;

      const blocked = await this.guard(row);
      if (blocked) {
        await this.db.outboundMessage.update({ where: { id: row.id }, data: { state: 'cancelled', lastError: blocked, leaseUntil: null } });
        stats.cancelled++;
        continue;
      }
      try {
        const sender = this.senders.get(row.channel)!;
        const res = await sender.send({ id: row.id, channel: row.channel, recipient: row.recipient, body: row.body, payload: JSON.parse(row.payload), kind: row.kind });
        await this.db.outboundMessage.update({
          where: { id: row.id },
          data: { state: 'sent', sentAt: this.clock.now(), providerId: res.providerId ?? null, leaseUntil: null, lastError: null },
        });
        stats.sent++;
      } catch (err) {
        const e = err instanceof SendError ? err : SendError.retryable(`unexpected: ${(err as Error)?.message ?? String(err)}`);
        if (e.kind === 'retryable' && attempts < this.opts.maxAttempts) {
          const delay = e.retryAfterMs ?? Math.min(3600_000, this.opts.backoffBaseMs * 2 ** (attempts - 1));
          await this.db.outboundMessage.update({
            where: { id: row.id },
            data: { state: 'queued', nextAttemptAt: new Date(this.clock.now().getTime() + delay), lastError: e.reason, leaseUntil: null },
          });
          stats.retried++;
          this.log.warn('send failed, will retry', { id: row.id, channel: row.channel, attempts, delayMs: delay, reason: e.reason });
        } else {
          await this.db.outboundMessage.update({ where: { id: row.id }, data: { state: 'failed', lastError: `${e.kind}: ${e.reason}`, leaseUntil: null } });
          if (e.kind === 'opted_out') await this.onOptOut(row.channel, row.recipient);
          stats.failed++;
          this.log.warn('send failed for good', { id: row.id, channel: row.channel, attempts, kind: e.kind, reason: e.reason });
        }
      }
    }
    stats.waitMs = Number.isFinite(minWait) ? minWait : 0;
    return stats;
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
