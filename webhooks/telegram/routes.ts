// Webhook mode: Telegram posts updates to PUBLIC_URL/webhooks/telegram with the secret we gave
// it in X-Telegram-Bot-Api-Secret-Token. Anything without that secret is refused before its
// body is read (so a stranger learns nothing from how we parse), with a constant-time comparison.
import crypto from 'node:crypto';
import express, { type NextFunction, type Request, type Response, Router } from 'express';
import type { Telegraf } from 'telegraf';
import type { Logger } from '../../lib/log.ts';
import type { TelegramIntake } from './intake.ts';

export function secretMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b); // hashes: equal length, so no length leak either
}

export function telegramWebhookRoutes(deps: { intake: TelegramIntake; secret: string; log: Logger }): Router {
  const r = Router();
  const checkSecret = (req: Request, res: Response, next: NextFunction) => {
    if (secretMatches(req.get('x-telegram-bot-api-secret-token'), deps.secret)) return next();
    deps.log.warn('telegram webhook without the right secret refused');
    res.status(401).json({ error: 'bad secret token' });
  };
  r.post('/webhooks/telegram', checkSecret, express.json({ limit: '1mb' }), async (req, res) => {
    const outcome = await deps.intake.take(req.body);
    switch (outcome.kind) {
      case 'invalid':
        res.status(400).json({ error: outcome.reason });
        return;
      case 'failed':
        // Any non-2xx makes Telegram deliver it again; the intake dead-letters it after a few tries.
        res.status(503).json({ error: `update failed (try ${outcome.attempts}); Telegram will redeliver it` });
        return;
      case 'handled':
        res.status(200).json({ ok: true });
        return;
      case 'ignored':
        res.status(200).json({ ok: true, ignored: outcome.reason });
        return;
      case 'answered':
        res.status(200).json({ ok: true, answered: 'unusable update', reason: outcome.reason });
        return;
      case 'dead':
        // 200 so Telegram stops redelivering it and the updates behind it flow again.
        res.status(200).json({ ok: true, deadLettered: true, attempts: outcome.attempts });
        return;
    }
  });
  return r;
}

export async function registerWebhook(bot: Telegraf, publicUrl: string, secret: string): Promise<void> {
  await bot.telegram.setWebhook(`${publicUrl}/webhooks/telegram`, { secret_token: secret, allowed_updates: ['message', 'callback_query'] });
}
