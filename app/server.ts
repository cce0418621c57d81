// The HTTP surface: web chat, health, and (as channels are added) webhooks and the staff API.
import express, { type Express, type Router } from 'express';
import type { Logger } from '../lib/log.ts';
import { errorMiddleware } from '../webhooks/http-error.ts';

export interface ServerParts {
  log: Logger;
  health: () => Promise<Record<string, unknown>>;
  routers: Router[];
  /** Routers that need the raw body (signature checks) mount before the JSON parser. */
  rawRouters?: Router[];
  /**
   * Whose X-Forwarded-For/-Proto to believe (config TRUST_PROXY). Off by default: anyone can
   * send those headers, and believing them would let a client pick its own address (and so
   * escape per-address limits) or claim https.
   */
  trustProxy?: boolean | number | string[];
}

export function createApp(parts: ServerParts): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', parts.trustProxy ?? false);
  for (const r of parts.rawRouters ?? []) app.use(r);
  app.use(express.json({ limit: '16kb' }));
  app.get('/healthz', async (_req, res) => {
    try {
      res.json({ status: 'ok', ...(await parts.health()) });
    } catch (err) {
      parts.log.error('health check failed', { err: err as Error });
      res.status(503).json({ status: 'error' });
    }
  });
  for (const r of parts.routers) app.use(r);
  app.use((_req, res) => {
    res.status(404).json({ error: 'not found' });
  });
  app.use(errorMiddleware(parts.log));
  return app;
}
