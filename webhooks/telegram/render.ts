// Engine replies as Telegram messages: plain text (no parse_mode, so posting text can never
// inject Markdown or HTML), numbered choices as inline buttons, a "share location" button as a
// one-time reply keyboard. Keyboards travel in the outbox payload.
import type { Choice, Reply } from '../../bot/reply.ts';

export const LOCATION_LABEL = '📍发我的位置';

export interface TelegramPayload {
  reply_markup?: unknown;
}

/**
 * Inline buttons, at most three a row so they stay big on a small screen. Each carries the
 * menu number of its message ("c:<menu>:<id>"), so a tap on an older message is known as such.
 */
export function inlineKeyboard(choices: Choice[], menu?: number) {
  const rows: { text: string; callback_data: string }[][] = [];
  for (let i = 0; i < choices.length; i += 3) {
    rows.push(choices.slice(i, i + 3).map((c) => ({ text: c.label, callback_data: menu === undefined ? `c:${c.id}` : `c:${menu}:${c.id}` })));
  }
  return { inline_keyboard: rows };
}

/**
 * A reply keyboard: the location button and the choices, each labelled "1. 好花红镇" so the text
 * Telegram sends back when pressed can be read as the choice's id.
 */
export function locationKeyboard(choices: Choice[]) {
  const rows: { text: string; request_location?: boolean }[][] = [[{ text: LOCATION_LABEL, request_location: true }]];
  for (let i = 0; i < choices.length; i += 2) rows.push(choices.slice(i, i + 2).map((c) => ({ text: `${c.id}. ${c.label}` })));
  return { keyboard: rows, one_time_keyboard: true, resize_keyboard: true };
}

export function renderTelegram(r: Reply): { text: string; payload: TelegramPayload } {
  const choices = r.choices ?? [];
  // Telegram's limit is 4096 characters; engine texts are far shorter, this is a guard.
  const text = r.text.length > 4000 ? `${r.text.slice(0, 3999)}…` : r.text;
  if (r.requestLocation) return { text, payload: { reply_markup: locationKeyboard(choices) } };
  if (choices.length) return { text, payload: { reply_markup: inlineKeyboard(choices, r.menu) } };
  return { text, payload: { reply_markup: { remove_keyboard: true } } };
}

/** Callback data back to the choice and its menu: "c:12:3" → 3 of menu 12; "c:3" (older buttons) → 3. */
export function choiceFromCallback(data: string): { text: string; menu?: number } {
  const m = /^c:(?:(\d{1,9}):)?(.{1,32})$/s.exec(data);
  if (!m) return { text: data };
  return m[1] === undefined ? { text: m[2] } : { text: m[2], menu: Number(m[1]) };
}

/** The text of a pressed reply-keyboard button ("3. 雅水镇") back to the choice id ("3"). */
export function choiceFromButtonText(text: string): string | null {
  const m = /^(\d{1,2})\.\s/.exec(text);
  return m ? m[1] : null;
}
