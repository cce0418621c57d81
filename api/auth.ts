// Bearer tokens for staff and recruiters. Only a SHA-256 hash of each token is stored; the
// token itself is shown once, when `npm run user:create` makes it.
import crypto from 'node:crypto';
import type { User } from '@prisma/client';
import type { NextFunction, Request, Response } from 'express';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { HttpError } from '../webhooks/http-error.ts';

export type Role = 'staff' | 'recruiter';

export const hashToken = (token: string) => crypto.createHash('sha256').update(token, 'utf8').digest('hex');

export function newToken(): string {
  return `hs_${crypto.randomBytes(24).toString('base64url')}`;
}

export async function createUser(
  db: Db,
  input: { name: string; role: Role; employerId?: number | null; expiresAt?: Date | null; telegramChatId?: string | null; phone?: string | null },
): Promise<{ user: User; token: string }> {
  const token = newToken();
  const user = await db.user.create({
    data: {
      name: input.name,
      role: input.role,
      employerId: input.employerId ?? null,
      tokenHash: hashToken(token),
      expiresAt: input.expiresAt ?? null,
      telegramChatId: input.telegramChatId ?? null,
      phone: input.phone ?? null,
    },
  });
  return { user, token };
}

declare module 'express-serve-static-core' {
  interface Request {
    user?: User;
  }
}

/** Express middleware: a valid, unexpired token of one of the roles, or 401/403 with a reason. */
export function requireRole(db: Db, clock: Clock, ...roles: Role[]) {
  return async (req: Request, _res: Response, next: NextFunction) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '');
    if (!m) return next(new HttpError(401, 'missing bearer token (Authorization: Bearer <token>)'));
    const user = await db.user.findUnique({ where: { tokenHash: hashToken(m[1]) } });
    if (!user) return next(new HttpError(401, 'unknown token'));
    if (user.expiresAt && user.expiresAt <= clock.now()) return next(new HttpError(401, 'token expired'));
    if (!roles.includes(user.role as Role)) return next(new HttpError(403, `this needs the role ${roles.join(' or ')}`));
    req.user = user;
    next();
  };
}
