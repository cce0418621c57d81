// The channels that can send, from the configuration: used by the server and by a standalone
// outbox process alike.

import type { MessageKind } from '../delivery/kinds.ts';
import { enqueue } from '../delivery/outbox.ts';
import type { OutgoingMessage, Sender } from '../delivery/sender.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { TelegramSender } from '../webhooks/telegram/sender.ts';
import { TwilioSender } from '../webhooks/twilio/sender.ts';
import { WebSender } from '../webhooks/web/sender.ts';
import { WechatApi } from '../webhooks/wechat/api.ts';
import { WechatSender } from '../webhooks/wechat/sender.ts';
import type { Config } from './config.ts';

export function buildSenders(config: Config, db: Db, clock: Clock): Sender[] {
  const senders: Sender[] = [new WebSender()];
  if (config.twilio) {
    const callback = config.publicUrl ? `${config.publicUrl}/webhooks/twilio/status` : null;
    senders.push(new TwilioSender(config.twilio, callback));
  }
  if (config.telegram) senders.push(TelegramSender.fromConfig(config.telegram));
  if (config.wechat) {
    senders.push(
      new WechatSender(new WechatApi(config.wechat, db, clock), {
        fairReminderTemplate: config.wechat.fairReminderTemplate,
        fallback: config.twilio ? (msg) => smsInstead(db, clock, msg) : undefined,
      }),
    );
  }
  return senders;
}

/**
 * A message WeChat will not carry (outside its 48-hour window) goes by SMS to the phone the worker
 * gave, once (keyed on the original), with the same topic so a stale fair reminder is still
 * skipped. Null when there is no such phone.
 */
async function smsInstead(db: Db, clock: Clock, msg: OutgoingMessage): Promise<string | null> {
  const row = await db.outboundMessage.findUnique({ where: { id: msg.id } });
  const worker = row?.workerId ? await db.worker.findUnique({ where: { id: row.workerId } }) : null;
  if (!row || !worker?.phone || worker.optedOut || worker.deletedAt) return null;
  await enqueue(db, clock, [
    {
      idempotencyKey: `${row.idempotencyKey}:sms`,
      channel: 'sms',
      recipient: worker.phone,
      body: row.body,
      kind: row.kind as MessageKind,
      workerId: worker.id,
      topic: row.topic ?? undefined,
      topicVersion: row.topicVersion ?? undefined,
    },
  ]);
  return 'sent by SMS to the phone the worker gave instead';
}
