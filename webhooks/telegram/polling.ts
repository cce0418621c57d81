// Long polling for developers without a public URL. Our own loop rather than telegraf's, so
// that an update is acknowledged (offset advanced) only after it was stored and answered, and
// so that a Bot API server that answers at once (an emulator) is not hammered.
import type { Telegraf } from 'telegraf';
import type { Logger } from '../../lib/log.ts';

export class Poller {
  private stopped = false;
  private loop: Promise<void> | null = null;
  private offset = 0;
  private abort = new AbortController();

  constructor(
    private readonly bot: Telegraf,
    private readonly log: Logger,
    private readonly idleMs = 300,
  ) {}

  async start(): Promise<void> {
    await this.bot.telegram.deleteWebhook();
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      const started = performance.now();
      try {
        const updates = await this.bot.telegram.callApi(
          'getUpdates',
          { offset: this.offset, timeout: 25, allowed_updates: ['message', 'callback_query'] },
          { signal: this.abort.signal as never },
        );
        for (const u of updates) {
          await this.bot.handleUpdate(u);
          this.offset = u.update_id + 1;
        }
        if (!updates.length && performance.now() - started < this.idleMs) await sleep(this.idleMs);
      } catch (err) {
        if (this.stopped) break;
        this.log.warn('telegram polling failed, retrying', { err: (err as Error).message });
        await sleep(2000);
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    await this.loop?.catch(() => {});
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
