// Telegram updates to the engine's inbound messages, with telegraf doing the routing. Replies
// are not sent from here: they go into the outbox (see webhooks/inbound.ts), so Telegram errors
// are retried. Only answerCallbackQuery is called directly: it stops the button's spinner and
// has no value later. Updates reach the bot only through TelegramIntake (intake.ts), which has
// checked their shape, so the handlers can rely on a chat and on text being a string.
import { Telegraf } from 'telegraf';
import { callbackQuery, message } from 'telegraf/filters';
import type { Inbound } from '../../bot/reply.ts';
import { type ChannelDeps, receiveInbound } from '../inbound.ts';
import { TelegramIntake } from './intake.ts';
import { choiceFromButtonText, choiceFromCallback, LOCATION_LABEL, renderTelegram } from './render.ts';

export interface TelegramChannelDeps extends ChannelDeps {
  token: string;
  apiRoot: string | null;
  /** Tries of one failing update before it is dead-lettered (default 3). */
  maxAttempts?: number;
}

export interface TelegramChannel {
  bot: Telegraf;
  intake: TelegramIntake;
}

export function createTelegramChannel(deps: TelegramChannelDeps): TelegramChannel {
  const handle = inboundHandler(deps);
  const bot = createTelegramBot(deps, handle);
  const intake = new TelegramIntake({
    bot,
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    maxAttempts: deps.maxAttempts,
    answerUnusable: async (updateId, chatId) => void (await handle(updateId, { address: String(chatId), text: '', unsupported: 'other' })),
  });
  return { bot, intake };
}

type Handle = (updateId: number, m: Omit<Inbound, 'channel'>) => Promise<unknown>;

const inboundHandler =
  (deps: TelegramChannelDeps): Handle =>
  (updateId, m) =>
    receiveInbound(deps, { channel: 'telegram', providerId: String(updateId), ...m }, (r) => {
      const { text, payload } = renderTelegram(r);
      return [{ body: text, payload: payload as Record<string, unknown> }];
    });

function createTelegramBot(deps: TelegramChannelDeps, handle: Handle): Telegraf {
  const bot = new Telegraf(deps.token, { telegram: deps.apiRoot ? { apiRoot: deps.apiRoot } : {}, handlerTimeout: 30_000 });

  // Voice notes, stickers, photos and the rest: say plainly what the bot can take.
  const media = (m: Record<string, unknown>) =>
    'voice' in m || 'audio' in m || 'video_note' in m ? 'voice' : 'sticker' in m ? 'sticker' : 'photo' in m || 'video' in m ? 'photo' : 'document' in m ? 'other' : null;
  bot.on('message', async (ctx, next) => {
    const kind = media(ctx.message as unknown as Record<string, unknown>);
    if (!kind) return next();
    await handle(ctx.update.update_id, { address: String(ctx.chat.id), text: '', unsupported: kind });
  });

  // Location before text: some clients attach an empty caption text to a shared location.
  bot.on(message('location'), async (ctx) => {
    const { latitude, longitude } = ctx.message.location;
    await handle(ctx.update.update_id, { address: String(ctx.chat.id), text: '', location: { lat: latitude, lng: longitude } });
  });

  bot.on(message('text'), async (ctx) => {
    let text = ctx.message.text;
    if (text === LOCATION_LABEL) text = '/home'; // an old client that cannot share location
    text = choiceFromButtonText(text) ?? text;
    await handle(ctx.update.update_id, { address: String(ctx.chat.id), text });
  });

  bot.on(callbackQuery('data'), async (ctx) => {
    await ctx.answerCbQuery().catch((err: Error) => deps.log.warn('answerCallbackQuery failed', { err: err.message }));
    const chat = ctx.chat?.id ?? ctx.from.id;
    const data = ctx.callbackQuery.data;
    await handle(ctx.update.update_id, { address: String(chat), ...choiceFromCallback(data) });
  });

  // Anything else (contacts, polls, service messages): the same plain answer.
  bot.on('message', async (ctx) => {
    await handle(ctx.update.update_id, { address: String(ctx.chat.id), text: '', unsupported: 'other' });
  });

  // Rethrown to TelegramIntake, which logs, counts and retries or dead-letters it (telegraf's
  // default handler would print the whole update, a worker's message, to stderr).
  bot.catch((err) => {
    throw err;
  });
  return bot;
}
