// Token buckets: per channel (messages per second overall) and per recipient (Telegram allows
// about one message a second in one chat). Time comes from the injected clock.
import type { Clock } from '../lib/clock.ts';

export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly clock: Clock,
  ) {
    this.tokens = burst;
    this.last = clock.now().getTime();
  }

  private refill(): void {
    const now = this.clock.now().getTime();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.ratePerSecond);
    this.last = now;
  }

  tryTake(): boolean {
    this.refill();
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Milliseconds until a token is available. */
  waitMs(): number {
    this.refill();
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) / this.ratePerSecond) * 1000);
  }
}

export class RateLimiter {
  private readonly channels = new Map<string, TokenBucket>();
  private readonly lastPerRecipient = new Map<string, number>();

  constructor(
    private readonly perSecond: Record<string, number>,
    private readonly clock: Clock,
    /** Minimum gap between two messages to one recipient, per channel, in ms. */
    private readonly perRecipientGapMs: Record<string, number> = {},
  ) {}

  /** Takes a slot for one message, or says how long to wait. */
  take(channel: string, recipient: string): { ok: true } | { ok: false; waitMs: number } {
    const gap = this.perRecipientGapMs[channel] ?? 0;
    const key = `${channel}:${recipient}`;
    const now = this.clock.now().getTime();
    if (gap) {
      const last = this.lastPerRecipient.get(key);
      if (last !== undefined && now - last < gap) return { ok: false, waitMs: gap - (now - last) };
    }
    const rate = this.perSecond[channel];
    if (rate) {
      let b = this.channels.get(channel);
      if (!b) {
        b = new TokenBucket(rate, Math.max(1, Math.ceil(rate)), this.clock);
        this.channels.set(channel, b);
      }
      if (!b.tryTake()) return { ok: false, waitMs: b.waitMs() };
    }
    if (gap) {
      this.lastPerRecipient.set(key, now);
      if (this.lastPerRecipient.size > 50_000) this.lastPerRecipient.clear(); // bounded memory; gaps are seconds
    }
    return { ok: true };
  }
}
