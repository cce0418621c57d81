// Sending to WeChat users through the customer-service message API. It only reaches someone who
// wrote to the account within the last 48 hours; outside that window WeChat answers 45015. A fair
// reminder then goes as the configured template message; otherwise the fallback (an SMS to the
// phone the worker gave) is asked for; failing both, the message is recorded as undeliverable
// (failed, with the reason): never silently dropped.
import { SendError } from '../../delivery/send-error.ts';
import type { OutgoingMessage, Sender, SendResult } from '../../delivery/sender.ts';
import { classifyWechatError, type WechatApi, WechatApiError } from './api.ts';
import type { WechatPayload } from './render.ts';

/** Outside the 48-hour customer-service window. */
export const OUTSIDE_WINDOW = 45015;

export interface WechatSenderOptions {
  /** Template for fair reminders outside the window (WECHAT_TEMPLATE_FAIR_REMINDER). */
  fairReminderTemplate: string | null;
  /** Sends the message another way (SMS); says how, or null when there is none. */
  fallback?(msg: OutgoingMessage): Promise<string | null>;
}

export class WechatSender implements Sender {
  readonly channel = 'wechat';

  constructor(
    private readonly api: WechatApi,
    private readonly opts: WechatSenderOptions,
  ) {}

  async send(msg: OutgoingMessage): Promise<SendResult> {
    try {
      await this.api.post('/cgi-bin/message/custom/send', this.customMessage(msg));
      return { providerId: `wechat-cs-${msg.id}` };
    } catch (err) {
      if (!(err instanceof WechatApiError) || err.errcode !== OUTSIDE_WINDOW) throw classifyWechatError(err);
    }
    return this.outsideWindow(msg);
  }

  private customMessage(msg: OutgoingMessage) {
    const p = msg.payload as Partial<WechatPayload>;
    if (p.msgtype === 'msgmenu' && p.msgmenu) return { touser: msg.recipient, msgtype: 'msgmenu', msgmenu: p.msgmenu };
    return { touser: msg.recipient, msgtype: 'text', text: { content: msg.body } };
  }

  private async outsideWindow(msg: OutgoingMessage): Promise<SendResult> {
    if (msg.kind === 'reminder' && this.opts.fairReminderTemplate) {
      try {
        const r = await this.api.post('/cgi-bin/message/template/send', {
          touser: msg.recipient,
          template_id: this.opts.fairReminderTemplate,
          data: templateData(msg.body),
        });
        return { providerId: `wechat-tpl-${String(r.msgid ?? msg.id)}` };
      } catch (err) {
        throw classifyWechatError(err);
      }
    }
    const other = this.opts.fallback ? await this.opts.fallback(msg) : null;
    if (other) throw SendError.permanent(`wechat ${OUTSIDE_WINDOW}: outside the 48-hour window; ${other}`);
    throw SendError.permanent(`wechat ${OUTSIDE_WINDOW}: outside the 48-hour window, no template or phone: undeliverable`);
  }
}

/**
 * A reminder's three lines (when and what, where, what to do; delivery/reminders.ts) as the
 * template's fields: {{first.DATA}} 招聘会提醒, {{keyword1.DATA}} when and what, {{keyword2.DATA}}
 * where, {{remark.DATA}} what to do. The README says how to set the template up.
 */
export function templateData(body: string): Record<string, { value: string }> {
  const [what = '', where = '', ...rest] = body.replace(/^【惠水就业】/, '').split('\n');
  return { first: { value: '招聘会提醒' }, keyword1: { value: what }, keyword2: { value: where }, remark: { value: rest.join(' ') } };
}
