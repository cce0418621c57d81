// Long polling for developers without a public URL. Our own loop over getUpdates rather than
// telegraf's bot.launch() (telegraf 4.16, core/network/polling.js), because that loop:
// - moves the offset past a whole batch before handling it, so an update is acknowledged before
//   it is stored and a crash loses it; we move past an update only once it is handled, ignored
//   or dead-lettered;
// - handles a batch's updates all at once (Promise.all), so one chat's messages can overtake
//   each other; we take them in order;
// - ends for good on the first handler error, so one poison update stops the bot for everyone;
//   we count the failure (TelegramIntake) and dead-letter the update after a few tries;
// - ends on 409 Conflict like on 401, and waits a fixed 5 s after errors; we stop only on 401
//   (a bad token never heals), wait out 409 with a growing pause and 429 for retry_after;
// - answers at once from an emulator and is then called in a tight loop; we pause when idle.
import { setTimeout as sleep } from 'node:timers/promises';
import { type Telegram, TelegramError } from 'telegraf';
import type { Logger } from '../../lib/log.ts';
import type { TelegramIntake } from './intake.ts';

export interface PollerOptions {
  /** Pause after an empty answer that came back quicker than this (an emulator answers at once). */
  idleMs: number;
  /** Pause before an update that failed is tried again. */
  retryMs: number;
  /** Pause after a network error or a 5xx. */
  errorMs: number;
  /** First pause after 409 Conflict; doubles while the conflict lasts, up to maxConflictMs. */
  conflictMs: number;
  maxConflictMs: number;
  /** getUpdates long-poll timeout, seconds. */
  longPollSeconds: number;
}

const DEFAULTS: PollerOptions = { idleMs: 300, retryMs: 2000, errorMs: 2000, conflictMs: 5000, maxConflictMs: 60_000, longPollSeconds: 25 };

export type PollerState = 'idle' | 'running' | 'stopped' | 'unauthorized';

export class Poller {
  private loop: Promise<void> | null = null;
  private offset = 0;
  private readonly abort = new AbortController();
  private readonly opts: PollerOptions;
  state: PollerState = 'idle';

  constructor(
    private readonly telegram: Telegram,
    private readonly intake: TelegramIntake,
    private readonly log: Logger,
    options: Partial<PollerOptions> = {},
  ) {
    this.opts = { ...DEFAULTS, ...options };
  }

  /** Starts polling in the background; a bad token is logged there, it does not stop the service. */
  start(): void {
    this.state = 'running';
    this.loop = this.run();
  }

  /** Resolves when polling has ended (stop(), or a rejected token). */
  get done(): Promise<void> {
    return this.loop ?? Promise.resolve();
  }

  private get stopping(): boolean {
    return this.abort.signal.aborted;
  }

  private async run(): Promise<void> {
    let webhookDeleted = false;
    let conflicts = 0;
    while (!this.stopping) {
      const started = performance.now();
      try {
        // A webhook left from an earlier deployment makes getUpdates answer 409.
        if (!webhookDeleted) {
          await this.telegram.callApi('deleteWebhook', {}, { signal: this.abort.signal as never });
          webhookDeleted = true;
        }
        const updates = await this.telegram.callApi(
          'getUpdates',
          { offset: this.offset, timeout: this.opts.longPollSeconds, allowed_updates: ['message', 'callback_query'] },
          { signal: this.abort.signal as never },
        );
        conflicts = 0;
        let retry = false;
        for (const u of updates) {
          if (this.stopping) return;
          const outcome = await this.intake.take(u);
          if (outcome.kind === 'failed') {
            retry = true; // fetch again from this update, after a pause
            break;
          }
          if (outcome.kind !== 'invalid') this.offset = Math.max(this.offset, outcome.updateId + 1);
        }
        if (retry) await this.pause(this.opts.retryMs);
        else if (!updates.length && performance.now() - started < this.opts.idleMs) await this.pause(this.opts.idleMs);
      } catch (err) {
        if (this.stopping) return;
        const e = err as Error;
        if (err instanceof TelegramError && (err.code === 401 || err.code === 404)) {
          this.state = 'unauthorized';
          this.log.error(
            `telegram rejected the bot token (${err.code} ${err.description}): polling stopped, no Telegram messages will be received; set a valid TELEGRAM_BOT_TOKEN (and TELEGRAM_API_ROOT, if set) and restart`,
          );
          return;
        }
        if (err instanceof TelegramError && err.code === 409) {
          const waitMs = Math.min(this.opts.maxConflictMs, this.opts.conflictMs * 2 ** conflicts++);
          this.log.warn(
            `telegram getUpdates conflict (409 ${err.description}): another instance is polling this bot or a webhook is set; waiting ${Math.round(waitMs / 1000)} s before polling again`,
            { waitMs },
          );
          await this.pause(waitMs);
          continue;
        }
        if (err instanceof TelegramError && err.code === 429) {
          const waitMs = Math.max(1, err.parameters?.retry_after ?? 1) * 1000;
          this.log.warn(`telegram asks to slow down (429): waiting ${waitMs / 1000} s as told before polling again`, { waitMs });
          await this.pause(waitMs);
          continue;
        }
        this.log.warn('telegram polling failed, retrying', { err: e.message, waitMs: this.opts.errorMs });
        await this.pause(this.opts.errorMs);
      }
    }
  }

  /** A plain timer, cut short by stop(). */
  private async pause(ms: number): Promise<void> {
    await sleep(ms, undefined, { signal: this.abort.signal }).catch(() => {});
  }

  async stop(): Promise<void> {
    if (this.state === 'running') this.state = 'stopped';
    this.abort.abort();
    await this.loop?.catch(() => {});
  }
}
