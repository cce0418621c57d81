// npm run outbox [-- --drain]: an outbox worker in its own process, beside the server or on
// another machine sharing the database. --drain sends what is due now, prints counts, exits.
import { parseArgs } from 'node:util';
import { systemClock } from '../lib/clock.ts';
import { createLogger } from '../lib/log.ts';
import { migrate, openDb } from '../prisma/db.ts';
import { loadConfigOrExit } from './config.ts';
import { buildOutboxWorker } from './outbox.ts';
import { buildSenders } from './senders.ts';
import { startupProblem } from './startup-error.ts';

const { values } = parseArgs({ options: { drain: { type: 'boolean', default: false } } });
const config = loadConfigOrExit();
const log = createLogger(config.logLevel, { process: 'outbox' });
const db = await openDb(config.databaseUrl)
  .then(async (db) => {
    await migrate(db);
    return db;
  })
  .catch((err: unknown) => {
    log.debug('start failed', { err: err as Error });
    console.error(startupProblem(err, config.databaseUrl));
    process.exit(1);
  });
const worker = buildOutboxWorker(db, config, buildSenders(config, db, systemClock), systemClock, log);

if (values.drain) {
  const stats = await worker.drain();
  await db.$disconnect();
  console.log(JSON.stringify(stats));
} else {
  worker.start(config.delivery.pollMs);
  log.info('outbox worker started');
  for (const sig of ['SIGINT', 'SIGTERM'] as const) {
    process.on(sig, async () => {
      await worker.stop();
      await db.$disconnect();
      process.exit(0);
    });
  }
}
