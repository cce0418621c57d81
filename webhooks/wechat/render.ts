// Engine replies as WeChat customer-service messages. Choices become a menu message (msgmenu):
// the worker taps an item and WeChat sends its id back as `bizmsgmenuid`, which carries the
// reply's menu number too ("<menu>.<choice>"), so an outdated tap is known. Without choices,
// plain text. Posting and fair text goes out verbatim: WeChat text has no markup to inject.
import type { Reply } from '../../bot/reply.ts';

/** WeChat's limit for a customer-service text is 2048 bytes; engine replies are far shorter. */
const MAX_TEXT_BYTES = 2000;

export interface WechatPayload {
  msgtype: 'text' | 'msgmenu';
  msgmenu?: { head_content: string; list: { id: string; content: string }[]; tail_content: string };
}

function cut(text: string): string {
  if (Buffer.byteLength(text, 'utf8') <= MAX_TEXT_BYTES) return text;
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(`${out}${ch}…`, 'utf8') > MAX_TEXT_BYTES) break;
    out += ch;
  }
  return `${out}…`;
}

export function renderWechat(r: Reply): { body: string; payload: WechatPayload } {
  const text = cut(r.text);
  const choices = r.choices ?? [];
  if (!choices.length) return { body: text, payload: { msgtype: 'text' } };
  return {
    body: text,
    payload: {
      msgtype: 'msgmenu',
      msgmenu: {
        head_content: text,
        list: choices.map((c) => ({ id: r.menu === undefined ? c.id : `${r.menu}.${c.id}`, content: c.label })),
        tail_content: '',
      },
    },
  };
}

/** A tapped menu item back to the choice and its menu: "12.3" → 3 of menu 12; "3" → 3. */
export function choiceFromMenuId(id: string): { text: string; menu?: number } | null {
  const m = /^(?:(\d{1,9})\.)?([0-9]{1,2})$/.exec(id);
  if (!m) return null;
  return m[1] === undefined ? { text: m[2] } : { text: m[2], menu: Number(m[1]) };
}
