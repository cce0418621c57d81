// npm run bench:reminders [-- --workers 100000 --rate 300 --kill-at 0.4 --signal TERM|KILL]
// A fair with N subscribed workers (half SMS, half Telegram), local stand-ins of Twilio and the
// Telegram Bot API, and the outbox drained by a separate worker process at a configured rate.
// Mid-way the worker process is killed and a new one started: SIGTERM (the default, as a deploy
// or a supervisor restart does: in-flight sends finish) or SIGKILL (a crash: the messages in
// flight at that instant may go out twice, which the duplicates count then shows). Prints scheduling time,
// achieved send rate against the target, and duplicates and losses counted at the stand-ins.
// The last line is one JSON object.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FairReminders } from '../delivery/reminders.ts';
import { FakeClock } from '../lib/clock.ts';
import { TransformersEmbedder } from '../matching/embed/embedder.ts';
import { Gazetteer } from '../matching/geo.ts';
import { TradeLexicon } from '../matching/parse/occupation.ts';
import { JobIndex } from '../postings/job-index.ts';
import { migrate, openDb } from '../prisma/db.ts';
import { FakeTelegramApi } from '../test/support/fake-telegram-api.ts';
import { FakeTwilio } from '../test/support/fake-twilio.ts';
import { outboxProcess } from '../test/support/outbox-process.ts';

const { values } = parseArgs({
  options: {
    workers: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '300' },
    'kill-at': { type: 'string', default: '0.4' },
    signal: { type: 'string', default: 'TERM' },
  },
});
const N = Number(values.workers);
const RATE = Number(values.rate);
const KILL_AT = Number(values['kill-at']);
const SIGNAL = values.signal === 'KILL' ? 'SIGKILL' : 'SIGTERM';
const log = (...a: unknown[]) => console.log(...a);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-reminders-'));
const url = `file:${path.join(dir, 'bench.db')}`;
const db = await openDb(url);
await migrate(db);
const twilio = await new FakeTwilio().start();
const telegram = await new FakeTelegramApi().start();
twilio.keepBodies = false;
telegram.keepBodies = false;

// A fair starting in one hour; its "2 hours before" reminder is due now.
const now = Date.now();
const fair = await db.jobFair.create({
  data: { name: '惠水—荔湾劳务协作专场招聘会', venue: '惠水县人力资源市场', startsAt: new Date(now + 3600_000), endsAt: new Date(now + 8 * 3600_000) },
});

let t0 = performance.now();
const CHUNK = 500;
for (let start = 0; start < N; start += CHUNK) {
  const ids = Array.from({ length: Math.min(CHUNK, N - start) }, (_, k) => start + k + 1);
  await db.$transaction([
    db.$executeRawUnsafe(
      `INSERT INTO "Worker" (id, trades, lastQuery, homeTown, updatedAt) VALUES ${ids.map((i) => `(${i}, '[]', '${['焊工', '保洁', '进厂', '厨师'][i % 4]}', '好花红镇', CURRENT_TIMESTAMP)`).join(',')}`,
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "Identity" (channel, address, workerId) VALUES ${ids.map((i) => (i % 2 ? `('sms', '+86139${String(i).padStart(8, '0')}', ${i})` : `('telegram', '${1_000_000 + i}', ${i})`)).join(',')}`,
    ),
    db.$executeRawUnsafe(
      `INSERT INTO "FairSubscription" (fairId, workerId, channel, recipient) VALUES ${ids.map((i) => (i % 2 ? `(${fair.id}, ${i}, 'sms', '+86139${String(i).padStart(8, '0')}')` : `(${fair.id}, ${i}, 'telegram', '${1_000_000 + i}')`)).join(',')}`,
    ),
  ]);
}
log(`created ${N} subscribed workers in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const jobs = await JobIndex.load(db, { gazetteer: Gazetteer.load(), lexicon: TradeLexicon.load(), embedder: await TransformersEmbedder.load() });
const reminders = new FairReminders(db, jobs, new FakeClock(new Date(now - 3 * 3600_000)), [{ key: 'h2', minutesBefore: 120 }]);
t0 = performance.now();
const scheduled = await reminders.schedule(fair.id);
const scheduleSeconds = (performance.now() - t0) / 1000;
log(`scheduled ${scheduled} reminders in ${scheduleSeconds.toFixed(1)} s (${Math.round(scheduled / scheduleSeconds)}/s)`);

const env = {
  DATABASE_URL: url,
  TWILIO_ACCOUNT_SID: 'AC' + '2'.repeat(32),
  TWILIO_AUTH_TOKEN: 'bench',
  TWILIO_FROM: '+15005550006',
  TWILIO_API_BASE: twilio.url,
  TELEGRAM_BOT_TOKEN: '123456:bench',
  TELEGRAM_API_ROOT: telegram.url,
  SMS_PER_SECOND: String(RATE / 2),
  TELEGRAM_PER_SECOND: String(RATE / 2),
  DELIVERY_LEASE_SECONDS: '3',
  DELIVERY_POLL_MS: '50',
  QUIET_HOURS: 'off',
};
const received = () => [...twilio.counts.values(), ...telegram.counts.values()].reduce((a, b) => a + b, 0);
const pending = async () => db.outboundMessage.count({ where: { state: { in: ['queued', 'sending'] } } });

log(`draining at a target of ${RATE}/s (${RATE / 2}/s SMS, ${RATE / 2}/s Telegram) in a separate process…`);
let sendingSeconds = 0;
let proc = outboxProcess(env, []);
let exited = false;
void proc.done.then((r) => {
  exited = true;
  if (r.code) console.error(`worker exited with ${r.code}: ${r.stderr.slice(-2000)}`);
});
let t1 = performance.now();
while (received() < scheduled * KILL_AT && !exited) await new Promise((r) => setTimeout(r, 10));
proc.child.kill(SIGNAL);
await proc.done;
sendingSeconds += (performance.now() - t1) / 1000;
const atKill = received();
const stuck = await db.outboundMessage.count({ where: { state: 'sending' } });
log(`killed the worker (${SIGNAL}) after ${atKill} messages; ${stuck} row(s) left in 'sending'; restarting`);
proc = outboxProcess(env, []);
t1 = performance.now();
const deadline = Date.now() + 30 * 60_000;
while ((await pending()) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
sendingSeconds += (performance.now() - t1) / 1000;
proc.child.kill('SIGTERM');
await proc.done;

const counts = [...twilio.counts.values(), ...telegram.counts.values()];
const duplicates = counts.reduce((a, c) => a + Math.max(0, c - 1), 0);
const delivered = counts.length;
const lost = scheduled - delivered;
const states = Object.fromEntries((await db.outboundMessage.groupBy({ by: ['state'], _count: true })).map((g) => [g.state, g._count]));
const achieved = received() / sendingSeconds;
log(`states: ${JSON.stringify(states)}`);
log(`delivered to ${delivered} recipients, duplicates ${duplicates}, lost ${lost}`);
log(`achieved ${achieved.toFixed(0)}/s against a target of ${RATE}/s over ${sendingSeconds.toFixed(1)} s of sending (lease wait after the kill included)`);

await db.$disconnect();
await twilio.stop();
await telegram.stop();
fs.rmSync(dir, { recursive: true, force: true });
console.log(
  JSON.stringify({
    scheduled,
    sent: received(),
    duplicates,
    lost,
    target_rate: RATE,
    achieved_rate: Math.round(achieved),
    schedule_seconds: +scheduleSeconds.toFixed(2),
    kill_signal: SIGNAL,
    killed_after: atKill,
    left_in_sending_at_kill: stuck,
  }),
);
