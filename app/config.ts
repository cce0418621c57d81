import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { DEFAULT_STAFF_HOURS, parseStaffHours, type StaffHours } from '../handover/staff-hours.ts';

// Configuration from environment variables, checked once at start with messages a newcomer can act on.

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  timeZone: string;
  seedDemo: boolean;
  publicUrl: string | null;
  quietHours: { start: number; end: number } | null;
  /** When staff answer hand-overs, in timeZone: what the chat promises a worker who asks for a person. */
  staffHours: StaffHours;
  telegram: { token: string; webhookSecret: string | null; apiRoot: string | null } | null;
  twilio: { accountSid: string; authToken: string; from: string | null; messagingServiceSid: string | null; apiBase: string | null } | null;
  /** A WeChat Official Account (服务号); its custom menu's items, each also the text it sends. */
  wechat: {
    appId: string;
    appSecret: string;
    token: string;
    encodingAesKey: string | null;
    apiBase: string;
    fairReminderTemplate: string | null;
    menu: string[];
  } | null;
  delivery: { pollMs: number; maxAttempts: number; leaseSeconds: number; smsPerSecond: number; telegramPerSecond: number };
  /** Which embedding model transformers.js loads (from disk only). */
  embedding: { modelDir?: string; model?: string; prefix?: string };
  /** Express's `trust proxy`: whose X-Forwarded-For/-Proto to believe. Off: the socket's own address. */
  trustProxy: boolean | number | string[];
  web: {
    /** Signs the chat session cookie; null: one the service makes and keeps in the database. */
    sessionSecret: string | null;
    /** Development only: the request body's "user" picks the chat identity (no cookie). */
    devUsers: boolean;
    /** New chat sessions one client address may start per window. */
    newSessions: { limit: number; windowMs: number };
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`配置有误 / invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

type Env = Record<string, string | undefined>;

export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const str = (k: string) => (env[k]?.trim() ? env[k]!.trim() : null);
  const int = (k: string, def: number, min: number, max: number) => {
    const v = str(k);
    if (v === null) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${k}=${v}: must be a whole number from ${min} to ${max}`);
      return def;
    }
    return n;
  };
  const num = (k: string, def: number) => {
    const v = str(k);
    if (v === null) return def;
    const n = Number(v);
    if (!(n > 0)) problems.push(`${k}=${v}: must be a positive number`);
    return n > 0 ? n : def;
  };
  const bool = (k: string, def: boolean) => {
    const v = str(k)?.toLowerCase();
    if (v === undefined || v === null) return def;
    if (['1', 'true', 'yes', 'on'].includes(v)) return true;
    if (['0', 'false', 'no', 'off'].includes(v)) return false;
    problems.push(`${k}=${v}: must be true or false`);
    return def;
  };
  const url = (k: string) => {
    const v = str(k);
    if (v === null) return null;
    try {
      const u = new URL(v);
      if (!/^https?:$/.test(u.protocol)) throw new Error();
      return v.replace(/\/+$/, '');
    } catch {
      problems.push(`${k}=${v}: must be an http(s) URL`);
      return null;
    }
  };

  const logLevel = (str('LOG_LEVEL') ?? 'info') as Config['logLevel'];
  if (!['debug', 'info', 'warn', 'error'].includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: use debug, info, warn or error`);

  const timeZone = str('TIME_ZONE') ?? 'Asia/Shanghai';
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    problems.push(`TIME_ZONE=${timeZone}: not a known IANA time zone (e.g. Asia/Shanghai)`);
  }

  let quietHours: Config['quietHours'] = { start: 21, end: 8 };
  const q = str('QUIET_HOURS');
  if (q !== null) {
    if (q === 'off') quietHours = null;
    else {
      const m = /^(\d{1,2})-(\d{1,2})$/.exec(q);
      if (!m || +m[1] > 23 || +m[2] > 23) problems.push(`QUIET_HOURS=${q}: use HH-HH (e.g. 21-8) or off`);
      else quietHours = { start: +m[1], end: +m[2] };
    }
  }

  let staffHours = DEFAULT_STAFF_HOURS;
  const sh = str('STAFF_HOURS');
  if (sh !== null) {
    const parsed = parseStaffHours(sh);
    if (typeof parsed === 'string') problems.push(`STAFF_HOURS=${sh}: ${parsed}`);
    else staffHours = parsed;
  }

  const sessionSecret = str('SESSION_SECRET');
  if (sessionSecret !== null && sessionSecret.length < 32) problems.push('SESSION_SECRET: at least 32 characters (e.g. openssl rand -base64 32), or leave it unset');

  const databaseUrl = str('DATABASE_URL') ?? 'file:./data/huishui.db';
  if (!/^(file:|postgres(ql)?:\/\/)/.test(databaseUrl)) problems.push(`DATABASE_URL: use file:./data/huishui.db (SQLite) or postgresql://user:password@host:5432/db`);

  const tgToken = str('TELEGRAM_BOT_TOKEN');
  if (tgToken !== null && !/^\d+:[\w-]+$/.test(tgToken)) problems.push('TELEGRAM_BOT_TOKEN: does not look like a bot token (123456:ABC…)');
  const tgSecret = str('TELEGRAM_WEBHOOK_SECRET');
  if (tgSecret !== null && !/^[A-Za-z0-9_-]{1,256}$/.test(tgSecret)) problems.push('TELEGRAM_WEBHOOK_SECRET: 1-256 characters of A-Z a-z 0-9 _ -');

  const sid = str('TWILIO_ACCOUNT_SID');
  const auth = str('TWILIO_AUTH_TOKEN');
  const from = str('TWILIO_FROM');
  const mss = str('TWILIO_MESSAGING_SERVICE_SID');
  let twilio: Config['twilio'] = null;
  if (sid || auth || from || mss) {
    if (!sid || !/^AC[0-9a-fA-F]{32}$/.test(sid)) problems.push('TWILIO_ACCOUNT_SID: must be AC followed by 32 hex characters');
    if (!auth) problems.push('TWILIO_AUTH_TOKEN: required when Twilio is configured');
    if (!from && !mss) problems.push('TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID: one is required to send SMS');
    twilio = { accountSid: sid ?? '', authToken: auth ?? '', from, messagingServiceSid: mss, apiBase: url('TWILIO_API_BASE') };
  }

  const wxAppId = str('WECHAT_APP_ID');
  const wxSecret = str('WECHAT_APP_SECRET');
  const wxToken = str('WECHAT_TOKEN');
  const wxKey = str('WECHAT_ENCODING_AES_KEY');
  let wechat: Config['wechat'] = null;
  if (wxAppId || wxSecret || wxToken || wxKey) {
    if (!wxAppId || !/^wx[0-9a-f]{16}$/.test(wxAppId)) problems.push('WECHAT_APP_ID: the AppID from 公众号 设置与开发 › 基本配置 (wx followed by 16 hex characters)');
    if (!wxSecret || !/^[0-9a-zA-Z]{32}$/.test(wxSecret)) problems.push('WECHAT_APP_SECRET: the AppSecret from 基本配置 (32 letters and digits)');
    if (!wxToken || !/^[A-Za-z0-9]{3,32}$/.test(wxToken)) problems.push('WECHAT_TOKEN: the Token set in 服务器配置 (3-32 letters and digits)');
    if (wxKey !== null && !/^[A-Za-z0-9]{43}$/.test(wxKey))
      problems.push('WECHAT_ENCODING_AES_KEY: the EncodingAESKey from 服务器配置 (43 letters and digits), or leave it unset for 明文模式');
    const menu = (str('WECHAT_MENU') ?? '找工作,招聘会,帮助')
      .split(/[,，]/)
      .map((s) => s.trim())
      .filter(Boolean);
    if (!menu.length || menu.length > 3 || menu.some((m) => m.length > 8)) problems.push('WECHAT_MENU: one to three items of at most 8 characters, separated by commas');
    wechat = {
      appId: wxAppId ?? '',
      appSecret: wxSecret ?? '',
      token: wxToken ?? '',
      encodingAesKey: wxKey,
      apiBase: url('WECHAT_API_BASE') ?? 'https://api.weixin.qq.com',
      fairReminderTemplate: str('WECHAT_TEMPLATE_FAIR_REMINDER'),
      menu,
    };
  }

  const config: Config = {
    port: int('PORT', 3000, 0, 65535),
    host: str('HOST') ?? '0.0.0.0',
    databaseUrl,
    logLevel,
    timeZone,
    seedDemo: bool('SEED_DEMO', true),
    publicUrl: url('PUBLIC_URL'),
    quietHours,
    staffHours,
    telegram: tgToken ? { token: tgToken, webhookSecret: tgSecret, apiRoot: url('TELEGRAM_API_ROOT') } : null,
    twilio,
    wechat,
    delivery: {
      pollMs: int('DELIVERY_POLL_MS', 500, 10, 60000),
      maxAttempts: int('DELIVERY_MAX_ATTEMPTS', 8, 1, 100),
      leaseSeconds: int('DELIVERY_LEASE_SECONDS', 60, 1, 3600),
      smsPerSecond: num('SMS_PER_SECOND', 1),
      telegramPerSecond: num('TELEGRAM_PER_SECOND', 25),
    },
    embedding: {},
    trustProxy: trustProxy(str('TRUST_PROXY'), problems),
    web: {
      sessionSecret,
      devUsers: bool('WEB_CHAT_DEV_USERS', false),
      newSessions: { limit: int('WEB_CHAT_NEW_SESSIONS', 20, 1, 100000), windowMs: int('WEB_CHAT_NEW_SESSIONS_MINUTES', 10, 1, 1440) * 60_000 },
    },
  };
  const modelDir = str('EMBEDDING_MODEL_DIR');
  const model = str('EMBEDDING_MODEL');
  if (modelDir !== null || model !== null) {
    // Checked here so a typo fails at start with the path, not at the first search.
    const dir = path.join(modelDir ?? path.resolve('matching', 'models'), model ?? 'huishui-char-zh');
    for (const f of ['config.json', 'tokenizer.json', path.join('onnx', 'model.onnx')]) {
      if (!fs.existsSync(path.join(dir, f))) problems.push(`EMBEDDING_MODEL_DIR/EMBEDDING_MODEL: ${path.join(dir, f)} not found`);
    }
  }
  config.embedding = { ...(modelDir ? { modelDir } : {}), ...(model ? { model } : {}), ...(str('EMBEDDING_PREFIX') ? { prefix: str('EMBEDDING_PREFIX')! } : {}) };
  if (config.telegram && config.publicUrl && !config.telegram.webhookSecret) {
    problems.push('TELEGRAM_WEBHOOK_SECRET: required with PUBLIC_URL (webhook mode), so forged updates can be refused');
  }
  if (problems.length) throw new ConfigError(problems);
  return config;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: true/false, a number of proxy hops, or a comma-separated list of addresses and subnets. */
function trustProxy(v: string | null, problems: string[]): Config['trustProxy'] {
  if (v === null || ['false', 'off', 'no', '0'].includes(v.toLowerCase())) return false;
  if (['true', 'on', 'yes'].includes(v.toLowerCase())) return true;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    if (hops <= 100) return hops;
  }
  const list = v.split(',').map((x) => x.trim());
  const bad = list.filter((x) => {
    if (PROXY_NAMES.includes(x)) return false;
    const [ip, bits, ...rest] = x.split('/');
    const family = net.isIP(ip);
    if (!family || rest.length) return true;
    return bits !== undefined && !(/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
  if (bad.length) {
    problems.push(`TRUST_PROXY=${v}: use true, a number of proxy hops, or addresses/subnets (10.0.0.1, 10.0.0.0/8, loopback) separated by commas`);
    return false;
  }
  return list;
}

/** For command-line entry points: the configuration, or a clear message and exit code 2. */
export function loadConfigOrExit(env: Env = process.env): Config {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}
