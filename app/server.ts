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
  app.use(
    express.json({
      limit: '16kb',
      // body-parser would decode any "utf-*" charset and then report the garbage as bad JSON.
      verify: (_req, _res, _buf, encoding) => {
        if (encoding.toLowerCase() !== 'utf-8') throw Object.assign(new Error('unsupported charset'), { type: 'charset.unsupported' });
      },
    }),
  );
  app.get('/healthz', async (_req, res) => {
    try {
      const health = await parts.health();
      // A store that refuses writes is not healthy, though it still answers reads.
      res.status(health.store && health.store !== 'ok' ? 503 : 200).json({ status: health.store && health.store !== 'ok' ? 'error' : 'ok', ...health });
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
