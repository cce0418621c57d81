// How many new chat identities one client address may start in a sliding window: each one
// creates rows (identity, worker, conversation), so a script must not mint them without end.
// Hand-written because the limiting libraries read the wall clock; this one reads the injected
// Clock, so tests and the rest of the service agree on time. Per process: several processes
// each allow the limit (fine for a brake on abuse, not an exact quota).
import net from 'node:net';
import type { Clock } from '../../lib/clock.ts';

/** Addresses remembered before stale ones are swept, so memory stays bounded under a flood. */
const SWEEP_AT = 10_000;

export class NewSessionLimiter {
  private readonly starts = new Map<string, number[]>();
  private sweepAt = SWEEP_AT;

  constructor(
    private readonly clock: Clock,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Takes one new session for `key`, or says how many ms until one is allowed. */
  take(key: string): { ok: true } | { ok: false; retryAfterMs: number } {
    const now = this.clock.now().getTime();
    if (this.starts.size >= this.sweepAt) this.sweep(now);
    const recent = (this.starts.get(key) ?? []).filter((t) => t > now - this.windowMs);
    if (recent.length >= this.limit) {
      this.starts.set(key, recent);
      return { ok: false, retryAfterMs: recent[0] + this.windowMs - now };
    }
    recent.push(now);
    this.starts.set(key, recent);
    return { ok: true };
  }

  private sweep(now: number): void {
    for (const [key, times] of this.starts) {
      if (!times.some((t) => t > now - this.windowMs)) this.starts.delete(key);
    }
    // Many live addresses: sweep again only when their number has doubled, not on every call.
    this.sweepAt = Math.max(SWEEP_AT, this.starts.size * 2);
  }
}

/** One client for limiting: an IPv4 address, or an IPv6 /64 (one household or host gets a whole /64). */
export function clientKey(ip: string | undefined): string {
  if (!ip) return 'unknown';
  const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (v4) return v4[1];
  if (net.isIPv6(ip)) {
    // Expand "::" to get the first four groups; an IPv4 tail (only ever in the last groups) counts as two.
    const [left, right] = ip.replace(/%.*$/, '').toLowerCase().split('::');
    const count = (part: string | undefined) => (part ? part.split(':').reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0) : 0);
    const groups = [...(left ? left.split(':') : []), ...(right === undefined ? [] : Array(8 - count(left) - count(right)).fill('0'))];
    return `${groups.slice(0, 4).join(':')}::/64`;
  }
  return ip;
}
