// What a WeChat callback asks of the service, from its XML fields: a message for the engine (text,
// a voice transcript, a tapped menu item, a location, a followed QR code, a custom-menu click),
// an unfollow, or nothing. Redeliveries are recognised by an id per callback: MsgId for messages,
// sender + CreateTime + event for events (WeChat's own advice).
import type { Inbound } from '../../bot/reply.ts';
import { choiceFromMenuId } from './render.ts';

export type WechatAction =
  | { kind: 'message'; providerId: string; inbound: Omit<Inbound, 'channel'>; subscribe?: boolean }
  | { kind: 'unsubscribe'; providerId: string; address: string }
  | { kind: 'ignore'; reason: string };

const OPENID = /^[A-Za-z0-9_-]{1,64}$/;

export function actionOf(f: Record<string, string>): WechatAction {
  const address = f.FromUserName ?? '';
  if (!OPENID.test(address)) return { kind: 'ignore', reason: 'no sender' };
  const type = (f.MsgType ?? '').toLowerCase();
  const msgId = /^\d{1,20}$/.test(f.MsgId ?? '') ? f.MsgId : null;
  const eventId = `${address}:${f.CreateTime ?? ''}:${f.Event ?? ''}`;
  const message = (inbound: Omit<Inbound, 'channel' | 'address'>, extra: { subscribe?: boolean } = {}): WechatAction => ({
    kind: 'message',
    providerId: msgId ?? `${address}:${f.CreateTime ?? ''}:${type}`,
    inbound: { address, ...inbound },
    ...extra,
  });

  switch (type) {
    case 'text': {
      // A tapped item of a menu message comes back as text with the item's id.
      const choice = f.bizmsgmenuid ? choiceFromMenuId(f.bizmsgmenuid) : null;
      return message(choice ?? { text: f.Content ?? '' });
    }
    case 'voice': {
      // WeChat's own transcript, when the account has 语音识别 on; without one, a plain answer.
      const said = (f.Recognition ?? '').trim();
      return said ? message({ text: said }) : message({ text: '', unsupported: 'voice_unclear' });
    }
    case 'location': {
      const lat = Number(f.Location_X);
      const lng = Number(f.Location_Y);
      if (!Number.isFinite(lat) || !Number.isFinite(lng) || Math.abs(lat) > 90 || Math.abs(lng) > 180) return message({ text: '', unsupported: 'other' });
      return message({ text: '', location: { lat, lng } });
    }
    case 'image':
      return message({ text: '', unsupported: 'photo' });
    case 'event':
      return eventAction(f, address, eventId);
    default:
      return message({ text: '', unsupported: 'other' });
  }
}

function eventAction(f: Record<string, string>, address: string, providerId: string): WechatAction {
  const event = (f.Event ?? '').toLowerCase();
  const key = f.EventKey ?? '';
  // A poster's QR code for a fair: qrscene_fair_<id> on following, fair_<id> when already following.
  const fair = /^(?:qrscene_)?fair_(\d{1,9})$/.exec(key);
  if (event === 'subscribe') return { kind: 'message', providerId, inbound: { address, text: fair ? `/start fair_${fair[1]}` : '/start' }, subscribe: true };
  if (event === 'scan' && fair) return { kind: 'message', providerId, inbound: { address, text: `/start fair_${fair[1]}` } };
  if (event === 'unsubscribe') return { kind: 'unsubscribe', providerId, address };
  // The account's own menu (找工作, 招聘会, 帮助): the key is what the worker would have typed.
  if (event === 'click' && key) return { kind: 'message', providerId, inbound: { address, text: key.slice(0, 64) } };
  return { kind: 'ignore', reason: `event ${event || '?'}` };
}
