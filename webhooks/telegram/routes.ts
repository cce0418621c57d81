// Webhook mode: Telegram posts updates to PUBLIC_URL/webhooks/telegram with the secret we gave
// it in X-Telegram-Bot-Api-Secret-Token. Anything without that secret is refused before it is
// read further, with a constant-time comparison.
import crypto from 'node:crypto';
import express, { Router } from 'express';
import type { Telegraf } from 'telegraf';
import type { Logger } from '../../lib/log.ts';

export function secretMatches(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b); // hashes: equal length, so no length leak either
}

export function telegramWebhookRoutes(deps: { bot: Telegraf; secret: string; log: Logger }): Router {
  const r = Router();
  r.post('/webhooks/telegram', express.json({ limit: '1mb' }), async (req, res) => {
    if (!secretMatches(req.get('x-telegram-bot-api-secret-token'), deps.secret)) {
      deps.log.warn('telegram webhook without the right secret refused');
      res.status(401).json({ error: 'bad secret token' });
      return;
    }
    const update = req.body as { update_id?: unknown };
    if (!update || typeof update !== 'object' || !Number.isInteger(update.update_id)) {
      res.status(400).json({ error: 'not a Telegram update' });
      return;
    }
    try {
      await deps.bot.handleUpdate(update as never);
      res.status(200).json({ ok: true });
    } catch {
      res.status(500).json({ error: 'update failed; Telegram will redeliver it' });
    }
  });
  return r;
}

export async function registerWebhook(bot: Telegraf, publicUrl: string, secret: string): Promise<void> {
  await bot.telegram.setWebhook(`${publicUrl}/webhooks/telegram`, { secret_token: secret, allowed_updates: ['message', 'callback_query'] });
}
