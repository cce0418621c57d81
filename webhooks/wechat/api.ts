// WeChat's server API for an Official Account: the access_token (fetched once, kept in the
// database for every process until five minutes before it expires, refetched when WeChat says
// it is no longer valid) and JSON calls with it. Errors come back as `errcode`; they are mapped
// here, once, into the outbox's closed list (delivery/send-error.ts).
import { SendError } from '../../delivery/send-error.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Db } from '../../prisma/db.ts';

export interface WechatApiConfig {
  appId: string;
  appSecret: string;
  /** https://api.weixin.qq.com, or a local stand-in in tests (WECHAT_API_BASE). */
  apiBase: string;
}

/** The token is renewed this long before WeChat says it expires. */
const MARGIN_MS = 5 * 60_000;
/** access_token invalid (40001), expired (42001), or not this account's (40014): fetch anew. */
const STALE_TOKEN = new Set([40001, 40014, 42001]);

export class WechatApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly httpStatus = 200,
  ) {
    super(`wechat ${errcode}: ${errmsg}`);
  }
}

/** WeChat's answers as the outbox must treat them. */
export function classifyWechatError(err: unknown): SendError {
  if (err instanceof WechatApiError) {
    const reason = err.message;
    const code = err.errcode;
    if (err.httpStatus === 429) return SendError.retryable(reason, 60_000);
    if (err.httpStatus >= 500) return SendError.retryable(reason);
    // The user unfollowed (43004) or blocked the account (43019): stop messaging them.
    if (code === 43004 || code === 43019) return SendError.optedOut(reason);
    // System busy (-1), call quota (45009), too many messages to one user (45047): later.
    if (code === -1) return SendError.retryable(reason);
    if (code === 45009 || code === 45047) return SendError.retryable(reason, 60_000);
    if (STALE_TOKEN.has(code)) return SendError.retryable(reason);
    return SendError.permanent(reason);
  }
  return SendError.retryable(`network: ${(err as Error)?.message ?? String(err)}`);
}

export class WechatApi {
  private readonly tokenName: string;

  constructor(
    private readonly cfg: WechatApiConfig,
    private readonly db: Db,
    private readonly clock: Clock,
  ) {
    this.tokenName = `wechat:${cfg.appId}`;
  }

  /** A valid access_token: the shared one while it lasts, else a new one from WeChat. */
  async token(force = false, stale?: string): Promise<string> {
    const row = await this.db.providerToken.findUnique({ where: { name: this.tokenName } });
    const now = this.clock.now().getTime();
    // Another process may have renewed it meanwhile: a token other than the one that failed is fresh.
    if (row && row.expiresAt.getTime() - MARGIN_MS > now && (!force || row.value !== stale)) return row.value;
    const url = `${this.cfg.apiBase}/cgi-bin/token?grant_type=client_credential&appid=${encodeURIComponent(this.cfg.appId)}&secret=${encodeURIComponent(this.cfg.appSecret)}`;
    const body = await this.fetchJson(url, { method: 'GET' });
    const value = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (typeof value !== 'string' || !value || !Number.isFinite(expiresIn)) throw new WechatApiError(-1, 'token answer without access_token');
    const expiresAt = new Date(now + expiresIn * 1000);
    await this.db.providerToken.upsert({ where: { name: this.tokenName }, create: { name: this.tokenName, value, expiresAt }, update: { value, expiresAt } });
    return value;
  }

  /** POST JSON to an API path with the token; once more with a new token when WeChat calls it stale. */
  async post(path: string, payload: unknown): Promise<Record<string, unknown>> {
    let token = await this.token();
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.fetchJson(`${this.cfg.apiBase}${path}?access_token=${encodeURIComponent(token)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(payload),
        });
      } catch (err) {
        if (attempt === 0 && err instanceof WechatApiError && STALE_TOKEN.has(err.errcode)) {
          token = await this.token(true, token);
          continue;
        }
        throw err;
      }
    }
  }

  private async fetchJson(url: string, init: RequestInit): Promise<Record<string, unknown>> {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
    const text = await res.text();
    let body: Record<string, unknown> = {};
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      throw new WechatApiError(-1, `HTTP ${res.status}, not JSON`, res.status);
    }
    const errcode = Number(body.errcode ?? 0);
    if (!res.ok || errcode !== 0) throw new WechatApiError(errcode || -1, String(body.errmsg ?? `HTTP ${res.status}`), res.status);
    return body;
  }
}
