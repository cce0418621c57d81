// One error type for HTTP handlers, one middleware that turns errors into JSON with a reason.
import type { NextFunction, Request, Response } from 'express';
import type { Logger } from '../lib/log.ts';
import { storeFaultOf } from '../prisma/store-health.ts';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function errorMiddleware(log: Logger) {
  return (err: unknown, req: Request, res: Response, _next: NextFunction) => {
    const e = err as { type?: string; status?: number; message?: string; limit?: number };
    if (err instanceof HttpError) {
      res.status(err.status).json({ error: err.message });
      return;
    }
    if (e?.type === 'entity.parse.failed') {
      res.status(400).json({ error: 'request body is not valid JSON' });
      return;
    }
    if (e?.type === 'entity.too.large') {
      res.status(413).json({ error: typeof e.limit === 'number' ? `request body too large (at most ${e.limit} bytes here)` : 'request body too large' });
      return;
    }
    if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
      res.status(415).json({ error: 'unsupported body encoding; send UTF-8' });
      return;
    }
    if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
      res.status(e.status).json({ error: e.message ?? 'bad request' });
      return;
    }
    const fault = storeFaultOf(err);
    if (fault) {
      // Nothing was kept; the client may send it again once the store takes writes.
      log.error('store refused a write', { method: req.method, path: req.path, fault, err: (err as Error).message });
      res
        .status(503)
        .set('Retry-After', '30')
        .json({ error: `服务器存储出了问题，请稍后再试 (storage ${fault}; nothing was saved, retry later)` });
      return;
    }
    log.error('request failed', { method: req.method, path: req.path, err: err as Error });
    res.status(500).json({ error: 'internal error' });
  };
}
