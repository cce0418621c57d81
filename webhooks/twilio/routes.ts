// Twilio webhooks: inbound SMS and delivery status. The signature is checked first, against
// PUBLIC_URL and every POST parameter, with twilio's own validator; a forged or unsigned request
// gets 403 and nothing is stored. Inbound messages are answered with an empty TwiML document:
// replies go out through the outbox, where errors are retried.
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import twilio from 'twilio';
import { z } from 'zod';
import { type ChannelDeps, receiveInbound } from '../inbound.ts';
import { renderSms } from './render.ts';

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';

export interface TwilioRouteDeps extends ChannelDeps {
  authToken: string;
  /** The public base URL Twilio calls (PUBLIC_URL); without it the request's own URL is used. */
  publicUrl: string | null;
}

export function twilioRoutes(deps: TwilioRouteDeps): Router {
  const r = Router();
  const form = express.urlencoded({ extended: false, limit: '64kb' });

  // Twilio posts forms. Anything else (JSON, say) is refused before the signature is looked at:
  // a JSON body parses to nothing here, and a signature over no parameters would otherwise pass.
  const formOnly = (req: Request, res: Response, next: NextFunction) => {
    if (!req.is('application/x-www-form-urlencoded')) {
      res.status(415).type('text/plain').send('send the webhook as application/x-www-form-urlencoded');
      return;
    }
    next();
  };

  const verify = (req: Request, res: Response, next: NextFunction) => {
    const signature = req.get('x-twilio-signature');
    const base = deps.publicUrl ?? `${req.protocol}://${req.get('host')}`;
    const url = `${base}${req.originalUrl}`;
    const params = (req.body ?? {}) as Record<string, string>;
    if (!signature || !twilio.validateRequest(deps.authToken, signature, url, params)) {
      deps.log.warn('twilio webhook with a bad signature refused', { path: req.path });
      res.status(403).type('text/plain').send('invalid signature');
      return;
    }
    // One value per parameter: a repeated one arrives as an array, which Twilio never sends.
    const fields = z.record(z.string(), z.string()).safeParse(req.body);
    if (!fields.success) {
      res.status(400).type('text/plain').send('each parameter once, as text');
      return;
    }
    req.body = fields.data;
    next();
  };

  r.post('/webhooks/twilio/sms', formOnly, form, verify, async (req, res) => {
    const b = req.body as Record<string, string>;
    const sid = b.MessageSid ?? b.SmsSid;
    const phone = parsePhoneNumberFromString(b.From ?? '', 'CN');
    if (!sid || !phone?.isValid()) {
      res.status(400).type('text/plain').send('MessageSid and a valid From are required');
      return;
    }
    const outcome = await receiveInbound(deps, { channel: 'sms', address: phone.number, text: b.Body ?? '', providerId: sid }, renderSms);
    if (outcome === 'duplicate') deps.log.info('twilio retried a webhook; already handled', { sid });
    res.type('text/xml').send(EMPTY_TWIML);
  });

  r.post('/webhooks/twilio/status', formOnly, form, verify, async (req, res) => {
    const b = req.body as Record<string, string>;
    const sid = b.MessageSid ?? b.SmsSid;
    const status = b.MessageStatus ?? b.SmsStatus;
    if (!sid || !status) {
      res.status(400).type('text/plain').send('MessageSid and MessageStatus are required');
      return;
    }
    const error = b.ErrorCode ? `twilio ${b.ErrorCode}` : undefined;
    const updated = await deps.db.outboundMessage.updateMany({
      where: { providerId: sid, channel: 'sms' },
      data: { providerStatus: status, ...(error ? { lastError: error } : {}) },
    });
    // 21610: the recipient replied STOP at the carrier. Nothing more goes to that number.
    if (b.ErrorCode === '21610' && b.To) {
      const to = parsePhoneNumberFromString(b.To, 'CN')?.number;
      if (to) {
        const id = await deps.db.identity.findUnique({ where: { channel_address: { channel: 'sms', address: to } } });
        if (id) {
          const now = deps.clock.now();
          await deps.db.identity.update({ where: { id: id.id }, data: { optedOut: true, optedOutAt: now } });
          await deps.db.worker.update({ where: { id: id.workerId }, data: { optedOut: true, optedOutAt: now } });
        }
      }
    }
    if (!updated.count) deps.log.info('status for an unknown message', { sid, status });
    res.status(204).end();
  });
  return r;
}
