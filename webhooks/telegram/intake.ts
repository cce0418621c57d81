// The one door every Telegram update comes through, from the webhook or from polling: its
// shape is checked before any handler sees it, and an update whose handling keeps failing is
// counted in the database and, after a few tries, dead-lettered so that it stops blocking the
// updates behind it (polling does not move past an update until it is done; Telegram redelivers
// a webhook update it got no 2xx for, and holds back the ones after it meanwhile).
import { T } from '../../bot/texts.zh.ts';
import type { Telegraf } from 'telegraf';
import { z } from 'zod';
import { enqueue } from '../../delivery/outbox.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/log.ts';
import type { Db } from '../../prisma/db.ts';

export const CHANNEL = 'telegram';
export const DEFAULT_MAX_ATTEMPTS = 3;
/** What a worker reads when their message could not be handled even after retries. */
/** What the worker hears about a message given up on (every worker-facing text lives in bot/texts.zh.ts). */
export const GAVE_UP_TEXT = T.gaveUp;

export type IntakeOutcome =
  /** No update_id at all: not something Telegram sends. */
  | { kind: 'invalid'; reason: string }
  /** A shape the bot cannot use and no chat to answer: dropped, nothing stored. */
  | { kind: 'ignored'; updateId: number; reason: string }
  /** A shape the bot cannot use from a known chat: answered with the plain "text only" reply. */
  | { kind: 'answered'; updateId: number; reason: string }
  | { kind: 'handled'; updateId: number }
  /** Failed, will be tried again (the caller must not acknowledge it). */
  | { kind: 'failed'; updateId: number; attempts: number; error: string }
  /** Failed for the last time: stored for staff and skipped from now on. */
  | { kind: 'dead'; updateId: number; attempts: number; error: string };

// Lone UTF-16 surrogates (a broken client, or JSON with "\ud800") cannot be stored in
// PostgreSQL's UTF-8 text and trip up string handling; they become U+FFFD, which the engine drops.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const wellFormed = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

const text = z.string().max(4096).transform(wellFormed);
const chat = z.looseObject({ id: z.int() });
const user = z.looseObject({ id: z.int() });
const message = z.looseObject({
  chat,
  from: user.optional(),
  text: text.optional(),
  caption: text.optional(),
  location: z.looseObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
});
const callbackQuery = z.looseObject({
  id: z.string().max(256),
  from: user,
  data: z.string().max(256).transform(wellFormed).optional(),
  message: z.looseObject({ chat }).optional(),
});
/** The parts of an update the handlers in updates.ts read; anything else passes through untouched. */
export const telegramUpdate = z.looseObject({
  update_id: z.int().nonnegative(),
  message: message.optional(),
  callback_query: callbackQuery.optional(),
});

/** The chat an unusable update came from, if it says so clearly enough to answer. */
function chatOf(raw: Record<string, unknown>): number | null {
  const pick = (...path: string[]) => path.reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), raw);
  for (const id of [pick('message', 'chat', 'id'), pick('callback_query', 'message', 'chat', 'id'), pick('callback_query', 'from', 'id')]) {
    if (Number.isSafeInteger(id)) return id as number;
  }
  return null;
}

const describeIssues = (e: z.ZodError) =>
  e.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || 'update'}: ${i.message}`)
    .join('; ');

export interface IntakeDeps {
  bot: Telegraf;
  db: Db;
  clock: Clock;
  log: Logger;
  /** Answers an unusable message from a known chat (the engine's plain "text only" reply). */
  answerUnusable(updateId: number, chatId: number): Promise<void>;
  maxAttempts?: number;
}

export class TelegramIntake {
  readonly maxAttempts: number;

  constructor(private readonly deps: IntakeDeps) {
    this.maxAttempts = deps.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  }

  async take(raw: unknown): Promise<IntakeOutcome> {
    const { log } = this.deps;
    const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
    const updateId = obj?.update_id;
    if (!obj || !Number.isSafeInteger(updateId) || (updateId as number) < 0) return { kind: 'invalid', reason: 'not a Telegram update (no update_id)' };
    const id = updateId as number;

    const parsed = telegramUpdate.safeParse(obj);
    const u = parsed.success ? parsed.data : null;
    const chatId = u ? (u.message?.chat.id ?? u.callback_query?.message?.chat.id ?? u.callback_query?.from.id ?? null) : chatOf(obj);
    if (!parsed.success && chatId === null) {
      const reason = describeIssues(parsed.error);
      log.warn('telegram update ignored: unusable shape', { updateId: id, reason });
      return { kind: 'ignored', updateId: id, reason };
    }
    try {
      if (u) await this.deps.bot.handleUpdate(u as never);
      else await this.deps.answerUnusable(id, chatId!);
    } catch (err) {
      return this.failed(id, obj, err, chatId);
    }
    await this.succeeded(id);
    if (!parsed.success) {
      const reason = describeIssues(parsed.error);
      log.warn('telegram update unusable, answered plainly', { updateId: id, reason });
      return { kind: 'answered', updateId: id, reason };
    }
    return { kind: 'handled', updateId: id };
  }

  /** Update ids this process saw fail and not yet succeed: their counting rows are removed on success. */
  private readonly failing = new Set<number>();

  private async succeeded(id: number): Promise<void> {
    if (!this.failing.delete(id)) return;
    await this.deps.db.deadLetter.deleteMany({ where: { channel: CHANNEL, providerId: String(id), deadAt: null } }).catch(() => {});
  }

  private async failed(id: number, raw: Record<string, unknown>, err: unknown, chatId: number | null): Promise<IntakeOutcome> {
    const { db, clock, log } = this.deps;
    const error = wellFormed((err as Error)?.message ?? String(err)).slice(0, 2000);
    const where = { channel_providerId: { channel: CHANNEL, providerId: String(id) } };
    // If even the count cannot be written (the database is down), the update is not given up
    // on: it is retried like any other failure and nothing is lost.
    let row: { id: number; attempts: number; deadAt: Date | null };
    try {
      const update = { attempts: { increment: 1 }, error };
      row = await db.deadLetter
        .upsert({ where, update, create: { channel: CHANNEL, providerId: String(id), payload: JSON.stringify(raw), error, attempts: 1, createdAt: clock.now() } })
        .catch(async (e) => {
          if ((e as { code?: string }).code !== 'P2002') throw e;
          return db.deadLetter.update({ where, data: update }); // created concurrently by a redelivery
        });
    } catch (e) {
      log.error('telegram update failed and its failure could not be recorded', { updateId: id, err: error, recordErr: (e as Error).message });
      return { kind: 'failed', updateId: id, attempts: 0, error };
    }
    this.failing.add(id);
    if (row.attempts < this.maxAttempts && !row.deadAt) {
      log.warn('telegram update failed, will retry', { updateId: id, attempts: row.attempts, of: this.maxAttempts, err: error });
      return { kind: 'failed', updateId: id, attempts: row.attempts, error };
    }
    try {
      await db.deadLetter.updateMany({ where: { id: row.id, deadAt: null }, data: { deadAt: clock.now() } });
    } catch (e) {
      log.error('telegram update could not be dead-lettered; will retry', { updateId: id, err: error, recordErr: (e as Error).message });
      return { kind: 'failed', updateId: id, attempts: row.attempts, error };
    }
    this.failing.delete(id);
    log.error('telegram update dead-lettered after repeated failures; skipping it (GET /api/dead-letters)', { updateId: id, attempts: row.attempts, err: error });
    // Best effort: the worker should not wait in silence. If this fails too (the same fault),
    // the dead letter is what remains.
    if (chatId !== null) {
      await enqueue(db, clock, [{ idempotencyKey: `deadletter:${CHANNEL}:${id}`, channel: CHANNEL, recipient: String(chatId), body: GAVE_UP_TEXT, kind: 'reply' }]).catch(
        (e: Error) => log.warn('could not tell the worker their update was given up on', { updateId: id, err: e.message }),
      );
    }
    return { kind: 'dead', updateId: id, attempts: row.attempts, error };
  }
}
