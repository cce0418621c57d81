// Sending SMS through Twilio's Messages API. Errors are classified once, here:
// throttling, 5xx and network → retry; opted out (21610) → opt the number out; invalid,
// unreachable or blocked numbers → failed with the reason, no retry.
import { SendError } from '../../delivery/send-error.ts';
import type { OutgoingMessage, Sender, SendResult } from '../../delivery/sender.ts';
import { twilioClient } from './client.ts';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  from: string | null;
  messagingServiceSid: string | null;
  apiBase: string | null;
}

const OPTED_OUT = new Set([21610]);
const RETRYABLE = new Set([20429, 20500, 20503, 30001, 30008, 30500]);

export function classifyTwilioError(err: unknown): SendError {
  if (err instanceof SendError) return err;
  const e = err as { status?: number; code?: number; message?: string };
  const reason = `twilio ${e.code ?? e.status ?? ''}: ${e.message ?? String(err)}`.trim();
  if (e.code !== undefined && OPTED_OUT.has(e.code)) return SendError.optedOut(reason);
  if (e.code !== undefined && RETRYABLE.has(e.code)) return SendError.retryable(reason);
  if (typeof e.status === 'number' && e.status >= 400 && e.status < 500) return SendError.permanent(reason);
  return SendError.retryable(reason);
}

export class TwilioSender implements Sender {
  readonly channel = 'sms';
  private readonly client: ReturnType<typeof twilioClient>;

  constructor(
    private readonly cfg: TwilioConfig,
    private readonly statusCallback: string | null,
  ) {
    this.client = twilioClient(cfg);
  }

  async send(msg: OutgoingMessage): Promise<SendResult> {
    try {
      const m = await this.client.messages.create({
        to: msg.recipient,
        body: msg.body,
        ...(this.cfg.messagingServiceSid ? { messagingServiceSid: this.cfg.messagingServiceSid } : { from: this.cfg.from! }),
        ...(this.statusCallback ? { statusCallback: this.statusCallback } : {}),
      });
      return { providerId: m.sid };
    } catch (err) {
      throw classifyTwilioError(err);
    }
  }
}
