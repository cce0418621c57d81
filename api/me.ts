// The signed-in user: who they are, and the phone or Telegram chat their candidate notices go to.
// Linking needs proof (recruiters/verification.ts): PATCH sends a code there, and the address is
// linked when the code comes back, here or as a reply from that phone or chat.
//   GET   /api/me
//   PATCH /api/me        {"phone":"13812345678"} | {"telegramChatId":"123456789"}   → 202, a code is sent
//                        {"phone":null} | {"telegramChatId":null}                   → 200, unlinked
//   POST  /api/me/verify {"code":"123456"}                                          → 200, linked
import type { User } from '@prisma/client';
import { Router } from 'express';
import { z } from 'zod';
import { toE164 } from '../bot/flows/profile.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { type ContactVerifications, VerificationError } from '../recruiters/verification.ts';
import { HttpError } from '../webhooks/http-error.ts';
import { requireRole } from './auth.ts';
import { mount, type RouteSpec } from './validate.ts';

const phone = z
  .string()
  .max(32)
  .transform((v, ctx) => {
    const e164 = toE164(v);
    if (!e164) ctx.addIssue({ code: 'custom', message: `${v} is not a valid phone number` });
    return e164 ?? '';
  });
const chatId = z.union([
  z
    .string()
    .trim()
    .regex(/^-?\d{1,20}$/, 'must be a numeric chat id'),
  z.number().int().transform(String),
]);

export const MePatchBody = z
  .strictObject({ phone: phone.nullable().optional(), telegramChatId: chatId.nullable().optional() })
  .refine((b) => (b.phone === undefined) !== (b.telegramChatId === undefined), 'give exactly one of "phone" or "telegramChatId"');
export const MeVerifyBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'must be the 6 digits that were sent'),
});

export const ME_ROUTES = {
  get: {
    method: 'get',
    path: '/api/me',
    roles: ['staff', 'recruiter'],
    summary: 'Who am I, where my notices go, and any link waiting for its code',
    responses: { 200: 'user, with pending' },
  },
  link: {
    method: 'patch',
    path: '/api/me',
    roles: ['staff', 'recruiter'],
    body: MePatchBody,
    summary: 'Link a phone or Telegram chat for notices (a code is sent there), or unlink it with null',
    responses: { 200: 'unlinked', 202: 'a code was sent', 409: 'a job seeker’s address, or linked to another account', 429: 'too many codes today' },
  },
  verify: {
    method: 'post',
    path: '/api/me/verify',
    roles: ['staff', 'recruiter'],
    body: MeVerifyBody,
    summary: 'Echo the code that was sent: the address is linked',
    responses: { 200: 'linked', 400: 'wrong code', 410: 'expired', 429: 'too many tries' },
  },
} as const satisfies Record<string, RouteSpec>;

const view = (u: User) => ({ id: u.id, name: u.name, role: u.role, employerId: u.employerId, telegramChatId: u.telegramChatId, phone: u.phone });

export function meRoutes(deps: { db: Db; clock: Clock; verifications: ContactVerifications }): Router {
  const { db, clock, verifications } = deps;
  const r = Router();
  const gate = (roles: readonly ('staff' | 'recruiter')[]) => requireRole(db, clock, ...roles);
  const asHttp = (e: unknown) => (e instanceof VerificationError ? new HttpError(e.status, e.message) : e);

  mount(r, gate, ME_ROUTES.get, async (req, res) => {
    res.json({ ...view(req.user!), pending: await verifications.pending(req.user!.id) });
  });

  mount(r, gate, ME_ROUTES.link, async (req, res, { body: b }) => {
    const [channel, address] = b.phone !== undefined ? (['sms', b.phone] as const) : (['telegram', b.telegramChatId!] as const);
    if (address === null) {
      // Unlinking one's own address needs no proof.
      const u = await db.user.update({ where: { id: req.user!.id }, data: channel === 'sms' ? { phone: null } : { telegramChatId: null } });
      res.json(view(u));
      return;
    }
    try {
      const pending = await verifications.start(req.user!, channel, address);
      res.status(202).json({ ...view(req.user!), pending, next: 'a code was sent there: POST /api/me/verify {"code"}, or reply the code from there' });
    } catch (e) {
      throw asHttp(e);
    }
  });

  mount(r, gate, ME_ROUTES.verify, async (req, res, { body: { code } }) => {
    try {
      res.json(view(await verifications.confirm(req.user!, code)));
    } catch (e) {
      throw asHttp(e);
    }
  });
  return r;
}
