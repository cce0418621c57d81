// Who is chatting in the browser: the server decides. A new chat gets a random identity; the
// browser keeps it only as an HttpOnly cookie signed with the service's secret (HMAC-SHA256, by
// cookie-signature), so a client cannot name, guess or alter an identity, only present one the
// server issued. A cookie that does not verify is no session at all.
import crypto from 'node:crypto';
import { parseCookie, stringifySetCookie } from 'cookie';
import { sign, unsign } from 'cookie-signature';
import type { Request, Response } from 'express';
import type { Db } from '../../prisma/db.ts';

export const SESSION_COOKIE = 'hs_chat';
/** A worker may come back months later to the same conversation; every turn renews it. */
const MAX_AGE_SECONDS = 180 * 24 * 3600;
/** The form of an issued identity: "s-" and 128 random bits. */
const SESSION_ADDRESS = /^s-[A-Za-z0-9_-]{22}$/;
const SECRET_NAME = 'web-session';

export class WebSessions {
  constructor(private readonly secret: string) {}

  /** The identity the request's cookie proves, or null (no cookie, or one that does not verify). */
  read(req: Request): string | null {
    const header = req.headers.cookie;
    if (!header) return null;
    let value: string | undefined;
    try {
      value = parseCookie(header)[SESSION_COOKIE];
    } catch {
      return null;
    }
    if (!value) return null;
    const address = unsign(value, this.secret);
    return address !== false && SESSION_ADDRESS.test(address) ? address : null;
  }

  /** A fresh identity no one has used. */
  create(): string {
    return `s-${crypto.randomBytes(16).toString('base64url')}`;
  }

  /** Sets (or renews) the session cookie. Secure when the request came over https (behind a trusted proxy: as it says). */
  write(req: Request, res: Response, address: string): void {
    res.append(
      'Set-Cookie',
      stringifySetCookie(SESSION_COOKIE, sign(address, this.secret), { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/', maxAge: MAX_AGE_SECONDS }),
    );
  }
}

/**
 * The signing secret: SESSION_SECRET when configured, else one made once and kept in the
 * database. The database rather than a file: it is the one thing every process of the service
 * already shares (several web processes on PostgreSQL may not share a disk), and it survives
 * restarts and redeploys the same way the sessions' data does.
 */
export async function sessionSecret(db: Db, configured: string | null): Promise<string> {
  if (configured) return configured;
  const existing = await db.serviceSecret.findUnique({ where: { name: SECRET_NAME } });
  if (existing) return existing.value;
  try {
    await db.serviceSecret.create({ data: { name: SECRET_NAME, value: crypto.randomBytes(32).toString('base64url') } });
  } catch (e) {
    // Another process made it first: use theirs.
    if ((e as { code?: string }).code !== 'P2002') throw e;
  }
  return (await db.serviceSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } })).value;
}
