// Building the outbox worker from the configuration (shared by the server and npm run outbox).

import { markOptedOut, sendGuard } from '../delivery/guard.ts';
import { RateLimiter } from '../delivery/rate-limit.ts';
import type { Sender } from '../delivery/sender.ts';
import { OutboxWorker } from '../delivery/worker.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import type { Db } from '../prisma/db.ts';
import type { Config } from './config.ts';

export function buildOutboxWorker(db: Db, config: Config, senders: Sender[], clock: Clock, log: Logger): OutboxWorker {
  const limiter = new RateLimiter(
    { sms: config.delivery.smsPerSecond, telegram: config.delivery.telegramPerSecond },
    clock,
    { telegram: 1000 }, // Telegram: about one message a second in one chat
  );
  return new OutboxWorker(
    db,
    senders,
    clock,
    log.child({ part: 'outbox' }),
    limiter,
    sendGuard(db),
    {
      maxAttempts: config.delivery.maxAttempts,
      leaseMs: config.delivery.leaseSeconds * 1000,
      batchSize: 200,
      quietHours: config.quietHours,
      timeZone: config.timeZone,
      backoffBaseMs: 1000,
      concurrency: 8,
    },
    markOptedOut(db, () => clock.now()),
  );
}
