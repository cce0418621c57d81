// npm start: validate the configuration, open (create, migrate, seed) the store, serve.

import { createLogger } from '../lib/log.ts';
import { loadConfigOrExit } from './config.ts';
import { startService } from './service.ts';
import { startupProblem } from './startup-error.ts';

const config = loadConfigOrExit();
const log = createLogger(config.logLevel);
const service = await startService(config, log).catch((err: unknown) => {
  log.debug('start failed', { err: err as Error });
  console.error(startupProblem(err, config.databaseUrl));
  process.exit(1);
});
log.info('server started', { url: service.url, postings: service.jobs.size });
console.error(`\n  惠水就业助手 is running: open ${service.url}/ to chat\n`);

let shuttingDown = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info('shutting down', { signal: sig });
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await service.stop();
    log.info('stopped');
    process.exit(0);
  });
}
