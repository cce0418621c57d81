// Wiring: the store, the matcher's index, the engine and the HTTP app, built from a Config.
// main.ts starts it; tests build it the same way against their own database and ports.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerRoutes } from '../api/answers.ts';
import { deadLetterRoutes } from '../api/dead-letters.ts';
import { fairRoutes } from '../api/fairs.ts';
import { handoverRoutes } from '../api/handovers.ts';
import { meRoutes } from '../api/me.ts';
import { openApiRoutes } from '../api/openapi.ts';
import { postingRoutes } from '../api/postings.ts';
import { recruiterRoutes } from '../api/recruiters.ts';
import { statsRoutes } from '../api/stats.ts';
import { Engine } from '../bot/engine.ts';
import { FairReminders } from '../delivery/reminders.ts';
import type { Sender } from '../delivery/sender.ts';
import type { OutboxWorker } from '../delivery/worker.ts';
import { Handovers } from '../handover/handovers.ts';
import { ProgrammeAnswers } from '../knowledge/answers.ts';
import { type Clock, systemClock } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import { TransformersEmbedder } from '../matching/embed/embedder.ts';
import { Gazetteer } from '../matching/geo.ts';
import { TradeLexicon } from '../matching/parse/occupation.ts';
import { PostingReader } from '../matching/reader.ts';
import { JobIndex } from '../postings/job-index.ts';
import { type Db, migrate, openDb, storeHealth } from '../prisma/db.ts';
import { seedDemo } from '../prisma/seed.ts';
import { sendJobAlerts } from '../recruiters/alerts.ts';
import { RecruiterCommands } from '../recruiters/commands.ts';
import { RecruiterNotices } from '../recruiters/notices.ts';
import { ContactVerifications } from '../recruiters/verification.ts';
import { Poller, type PollerOptions } from '../webhooks/telegram/polling.ts';
import { registerWebhook, telegramWebhookRoutes } from '../webhooks/telegram/routes.ts';
import { createTelegramChannel } from '../webhooks/telegram/updates.ts';
import { twilioRoutes } from '../webhooks/twilio/routes.ts';
import { wechatRoutes } from '../webhooks/wechat/routes.ts';
import { NewSessionLimiter } from '../webhooks/web/new-session-limit.ts';
import { webChatRoutes } from '../webhooks/web/routes.ts';
import { sessionSecret, WebSessions } from '../webhooks/web/session.ts';
import type { Config } from './config.ts';
import { buildOutboxWorker } from './outbox.ts';
import { buildSenders } from './senders.ts';
import { createApp } from './server.ts';

export interface Service {
  db: Db;
  reader: PostingReader;
  jobs: JobIndex;
  engine: Engine;
  outbox: OutboxWorker;
  reminders: FairReminders;
  answers: ProgrammeAnswers;
  handovers: Handovers;
  server: http.Server;
  url: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  /** Drain the outbox in the background (off in tests that drive it by hand). */
  runOutbox?: boolean;
  /** Extra senders (tests plug local stand-ins of providers in here). */
  senders?: Sender[];
  /** Poll Telegram for updates when there is no webhook (on by default). */
  pollTelegram?: boolean;
  /** Pauses of the Telegram poller (tests shorten them). */
  telegramPolling?: Partial<PollerOptions>;
}

export async function startService(config: Config, log: Logger, clock: Clock = systemClock, options: ServiceOptions = {}): Promise<Service> {
  const db = await openDb(config.databaseUrl);
  const applied = await migrate(db);
  if (applied.length) log.info('database migrated', { applied });
  const gazetteer = Gazetteer.load();
  const lexicon = TradeLexicon.load();
  const embedder = await TransformersEmbedder.load(config.embedding);
  const reader = new PostingReader(gazetteer, lexicon, embedder);
  if (config.seedDemo && (await seedDemo(db, reader, clock))) log.info('demo data loaded');
  const jobs = await JobIndex.load(db, { gazetteer, lexicon, embedder });
  log.info('matcher ready', { postings: jobs.size, embedding: embedder.id, dim: embedder.dim });
  const reminders = new FairReminders(db, jobs, clock);
  const notices = new RecruiterNotices(db, clock, (code) => lexicon.occupation(code)?.name ?? null);
  const answers = new ProgrammeAnswers(db);
  const handovers = new Handovers(db, clock, { staffHours: config.staffHours, timeZone: config.timeZone });
  const engine = new Engine({
    db,
    jobs,
    clock,
    log,
    answers,
    handovers,
    hooks: {
      interestCreated: async (id) => void (await notices.interestChanged(id)),
      consentGiven: async (id) => void (await notices.interestChanged(id)),
      fairSubscribed: async (subscriptionId) => {
        const sub = await db.fairSubscription.findUniqueOrThrow({ where: { id: subscriptionId } });
        await reminders.schedule(sub.fairId, [sub.id]);
      },
    },
  });
  // Senders given by a test replace the configured ones of the same channel.
  const extra = options.senders ?? [];
  const senders = [...buildSenders(config, db, clock).filter((s) => !extra.some((e) => e.channel === s.channel)), ...extra];
  const outbox = buildOutboxWorker(db, config, senders, clock, log);
  const verifications = new ContactVerifications(
    db,
    clock,
    senders.map((s) => s.channel),
  );
  const recruiters = new RecruiterCommands(db, clock, verifications);

  // Telegram: webhook mode behind a public URL, long polling otherwise.
  const telegram = config.telegram
    ? createTelegramChannel({ db, clock, engine, recruiters, log: log.child({ channel: 'telegram' }), token: config.telegram.token, apiRoot: config.telegram.apiRoot })
    : null;
  const telegramWebhook =
    telegram && config.publicUrl && config.telegram?.webhookSecret ? telegramWebhookRoutes({ intake: telegram.intake, secret: config.telegram.webhookSecret, log }) : null;

  if (config.web.devUsers) log.warn('WEB_CHAT_DEV_USERS is on: any web client can name any dev identity; development only');
  const sessions = new WebSessions(await sessionSecret(db, config.web.sessionSecret));
  const newSessions = new NewSessionLimiter(clock, config.web.newSessions.limit, config.web.newSessions.windowMs);
  const app = createApp({
    log,
    trustProxy: config.trustProxy,
    health: async () => {
      await db.$queryRawUnsafe('SELECT 1');
      return { store: storeHealth(db).fault ?? 'ok', postings: jobs.size };
    },
    // Twilio posts form bodies and signs them: its routes parse their own bodies.
    rawRouters: [
      ...(config.twilio ? [twilioRoutes({ db, clock, engine, recruiters, log, authToken: config.twilio.authToken, publicUrl: config.publicUrl })] : []),
      ...(telegramWebhook ? [telegramWebhook] : []),
      // WeChat posts XML, signed in the query (and, in safe mode, encrypted): its own body parser.
      ...(config.wechat
        ? [
            wechatRoutes({
              db,
              clock,
              engine,
              recruiters,
              log: log.child({ channel: 'wechat' }),
              token: config.wechat.token,
              appId: config.wechat.appId,
              encodingAesKey: config.wechat.encodingAesKey,
            }),
          ]
        : []),
    ],
    routers: [
      webChatRoutes({ engine, db, clock, sessions, newSessions, devUsers: config.web.devUsers }),
      fairRoutes({ db, clock, reminders }),
      postingRoutes({ db, clock, jobs, reader, onNewPostings: async (ids) => void (ids.length && (await sendJobAlerts(db, jobs, clock, config.timeZone))) }),
      recruiterRoutes({ db, clock, jobs }),
      meRoutes({ db, clock, verifications }),
      statsRoutes({ db, clock }),
      deadLetterRoutes({ db, clock }),
      answerRoutes({ db, clock }),
      handoverRoutes({ db, clock, handovers }),
      openApiRoutes(),
    ],
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  if (options.runOutbox ?? true) outbox.start(config.delivery.pollMs);
  // Postings imported by another process (npm run import) reach this index within a minute,
  // and workers who asked for alerts hear of the new ones.
  const refresher = setInterval(() => {
    jobs
      .refresh()
      .then(async ({ changed, created }) => {
        if (changed.length) log.info('postings refreshed', { changed: changed.length, created: created.length });
        if (created.length) await sendJobAlerts(db, jobs, clock, config.timeZone);
      })
      .catch((err: Error) => log.error('posting refresh failed', { err }));
  }, 60_000);
  // Once an hour: postings held back by yesterday's digest reach workers in today's.
  const alerter = setInterval(() => {
    sendJobAlerts(db, jobs, clock, config.timeZone).catch((err: Error) => log.error('job alerts failed', { err }));
  }, 3600_000);
  alerter.unref();
  refresher.unref();
  let poller: Poller | null = null;
  if (telegram && telegramWebhook) {
    await registerWebhook(telegram.bot, config.publicUrl!, config.telegram!.webhookSecret!);
    log.info('telegram webhook registered', { url: `${config.publicUrl}/webhooks/telegram` });
  } else if (telegram && (options.pollTelegram ?? true)) {
    poller = new Poller(telegram.bot.telegram, telegram.intake, log.child({ channel: 'telegram' }), options.telegramPolling);
    poller.start();
    log.info('telegram long polling started');
  }
  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // Finish in-flight requests, refuse new ones, then close the store.
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearInterval(refresher);
      clearInterval(alerter);
      await poller?.stop();
      await outbox.stop();
      await db.$disconnect();
    })());
  return { db, reader, jobs, engine, outbox, reminders, answers, handovers, server, url, stop };
}
