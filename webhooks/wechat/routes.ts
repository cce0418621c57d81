// The WeChat Official Account callback, /webhooks/wechat ("服务器配置" URL).
//   GET  ?signature&timestamp&nonce&echostr — the set-up check: echo echostr if signed with our token.
//   POST ?signature&timestamp&nonce[&encrypt_type=aes&msg_signature] — a message or event as XML,
//        plain or in safe mode (<Encrypt>, AES with the EncodingAESKey).
// A bad signature (or a stale timestamp: a replayed request) is 403 and nothing is stored. The
// answer is always the literal "success" (no passive reply): replies go through the outbox as
// customer-service messages, where errors are retried, well within WeChat's 5 seconds.
import express, { type Request, type Response, Router } from 'express';
import { z } from 'zod';
import type { Db } from '../../prisma/db.ts';
import { type ChannelDeps, receiveInbound } from '../inbound.ts';
import { actionOf } from './intake.ts';
import { MessageCrypto, parseEnvelope, sameSignature, signature } from './protocol.ts';
import { renderWechat } from './render.ts';

/** A signed request older (or newer) than this is refused: a captured one cannot be replayed later. */
const MAX_SKEW_S = 600;

export interface WechatRouteDeps extends ChannelDeps {
  token: string;
  appId: string;
  /** Safe mode; without it only plaintext callbacks are accepted. */
  encodingAesKey: string | null;
}

const Signed = z.object({
  signature: z.string().regex(/^[0-9a-f]{40}$/),
  timestamp: z.string().regex(/^\d{1,12}$/),
  nonce: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  echostr: z.string().max(512).optional(),
  encrypt_type: z.enum(['raw', 'aes']).optional(),
  msg_signature: z
    .string()
    .regex(/^[0-9a-f]{40}$/)
    .optional(),
  openid: z.string().max(64).optional(),
});

export function wechatRoutes(deps: WechatRouteDeps): Router {
  const r = Router();
  const crypto = deps.encodingAesKey ? new MessageCrypto(deps.encodingAesKey, deps.appId) : null;
  const xml = express.text({ type: () => true, limit: '64kb' });

  const refuse = (req: Request, res: Response, why: string) => {
    deps.log.warn('wechat callback refused', { path: req.path, why });
    res.status(403).type('text/plain').send('invalid signature');
  };

  /** The query, checked: signed with our token, and fresh. Null (and 403 sent) otherwise. */
  const signed = (req: Request, res: Response) => {
    const q = Signed.safeParse(req.query);
    if (!q.success) return void refuse(req, res, 'missing or malformed signature parameters');
    const { timestamp, nonce } = q.data;
    if (!sameSignature(signature(deps.token, timestamp, nonce), q.data.signature)) return void refuse(req, res, 'bad signature');
    if (Math.abs(deps.clock.now().getTime() / 1000 - Number(timestamp)) > MAX_SKEW_S) return void refuse(req, res, 'stale timestamp');
    return q.data;
  };

  r.get('/webhooks/wechat', (req, res) => {
    const q = signed(req, res);
    if (!q) return;
    res.type('text/plain').send(q.echostr ?? '');
  });

  r.post('/webhooks/wechat', xml, async (req, res) => {
    const q = signed(req, res);
    if (!q) return;
    let fields = parseEnvelope(typeof req.body === 'string' ? req.body : '');
    if (!fields) {
      res.status(400).type('text/plain').send('body must be WeChat XML');
      return;
    }
    // Safe mode (and the compatible mode's encrypted copy): the message is inside <Encrypt>,
    // signed on its own with msg_signature.
    if (fields.Encrypt !== undefined || q.encrypt_type === 'aes') {
      if (!crypto) return void refuse(req, res, 'encrypted callback but no WECHAT_ENCODING_AES_KEY');
      const enc = fields.Encrypt ?? '';
      if (!q.msg_signature || !sameSignature(signature(deps.token, q.timestamp, q.nonce, enc), q.msg_signature)) return void refuse(req, res, 'bad msg_signature');
      try {
        fields = parseEnvelope(crypto.decrypt(enc));
      } catch (e) {
        return void refuse(req, res, `cannot decrypt: ${(e as Error).message}`);
      }
      if (!fields) {
        res.status(400).type('text/plain').send('encrypted body is not WeChat XML');
        return;
      }
    } else if (crypto) {
      // Safe mode configured: a plaintext body (from someone who knows only the token) is refused.
      return void refuse(req, res, 'plaintext callback while safe mode is configured');
    }

    const action = actionOf(fields);
    if (action.kind === 'ignore') {
      deps.log.info('wechat callback ignored', { reason: action.reason });
    } else if (action.kind === 'unsubscribe') {
      // Unfollowed: recorded as 退订. Nothing can reach them now, so the engine's answer is not sent.
      await receiveInbound(deps, { channel: 'wechat', address: action.address, text: '退订', providerId: action.providerId }, () => []);
    } else {
      // Following again is asking for messages again.
      if (action.subscribe) await optBackIn(deps.db, action.inbound.address);
      await receiveInbound(deps, { channel: 'wechat', ...action.inbound, providerId: action.providerId }, (reply) => {
        const { body, payload } = renderWechat(reply);
        return [{ body, payload: payload as unknown as Record<string, unknown> }];
      });
    }
    res.type('text/plain').send('success');
  });
  return r;
}

async function optBackIn(db: Db, address: string): Promise<void> {
  const identity = await db.identity.findUnique({ where: { channel_address: { channel: 'wechat', address } } });
  if (!identity?.optedOut) return;
  await db.identity.update({ where: { id: identity.id }, data: { optedOut: false, optedOutAt: null } });
  await db.worker.update({ where: { id: identity.workerId }, data: { optedOut: false, optedOutAt: null } });
}
