// The channels that can send, from the configuration: used by the server and by a standalone
// outbox process alike.
import type { Sender } from '../delivery/sender.ts';
import { TelegramSender } from '../webhooks/telegram/sender.ts';
import { TwilioSender } from '../webhooks/twilio/sender.ts';
import { WebSender } from '../webhooks/web/sender.ts';
import type { Config } from './config.ts';

export function buildSenders(config: Config): Sender[] {
  const senders: Sender[] = [new WebSender()];
  if (config.twilio) {
    const callback = config.publicUrl ? `${config.publicUrl}/webhooks/twilio/status` : null;
    senders.push(new TwilioSender(config.twilio, callback));
  }
  if (config.telegram) senders.push(TelegramSender.fromConfig(config.telegram));
  return senders;
}
