// Sending Telegram messages through the Bot API (telegraf's client, pointed at TELEGRAM_API_ROOT
// when set). Errors are classified once: 429 → retry after retry_after; 5xx and network → retry;
// 403 (blocked, deactivated) → the person opted out; other 4xx → failed with the reason.
import { Telegram, TelegramError } from 'telegraf';
import { SendError } from '../../delivery/send-error.ts';
import type { OutgoingMessage, Sender, SendResult } from '../../delivery/sender.ts';

export function classifyTelegramError(err: unknown): SendError {
  if (err instanceof TelegramError) {
    const reason = `telegram ${err.code}: ${err.description}`;
    if (err.code === 429) return SendError.retryable(reason, (err.parameters?.retry_after ?? 1) * 1000);
    if (err.code === 403) return SendError.optedOut(reason);
    if (err.code >= 500) return SendError.retryable(reason);
    return SendError.permanent(reason);
  }
  return SendError.retryable(`network: ${(err as Error)?.message ?? String(err)}`);
}

export class TelegramSender implements Sender {
  readonly channel = 'telegram';

  constructor(private readonly telegram: Telegram) {}

  static fromConfig(cfg: { token: string; apiRoot: string | null }): TelegramSender {
    return new TelegramSender(new Telegram(cfg.token, cfg.apiRoot ? { apiRoot: cfg.apiRoot } : {}));
  }

  async send(msg: OutgoingMessage): Promise<SendResult> {
    try {
      const sent = await this.telegram.callApi(
        'sendMessage',
        { chat_id: msg.recipient, text: msg.body, ...(msg.payload.reply_markup ? { reply_markup: msg.payload.reply_markup } : {}) } as never,
        { signal: AbortSignal.timeout(15_000) as never },
      );
      return { providerId: String((sent as { message_id: number }).message_id) };
    } catch (err) {
      throw classifyTelegramError(err);
    }
  }
}
