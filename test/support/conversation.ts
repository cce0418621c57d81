// A worker's conversation with the real engine over a real migrated database with the demo
// data, written out as a transcript: what the worker sent, what came back (texts, cards,
// buttons). Scripted conversation tests read these; the README quotes them.
import type { EngineDeps } from '../../bot/context.ts';
import { Engine } from '../../bot/engine.ts';
import type { Inbound, Reply } from '../../bot/reply.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/log.ts';
import { JobIndex } from '../../postings/job-index.ts';
import { seedDemo } from '../../prisma/seed.ts';
import { Handovers } from '../../handover/handovers.ts';
import { ProgrammeAnswers } from '../../knowledge/answers.ts';
import { freshDb, type TestDb } from './db.ts';
import { understanding } from './understanding.ts';

export interface ConversationKit {
  t: TestDb;
  jobs: JobIndex;
  clock: FakeClock;
  engine: Engine;
  /** One message from a worker; the replies. */
  say(address: string, text: string, extra?: Partial<Inbound>): Promise<Reply[]>;
  /** Several messages in turn; the transcript of all of them. */
  script(address: string, turns: (string | Partial<Inbound>)[]): Promise<{ lines: string; replies: Reply[][] }>;
}

export async function conversationKit(extra: Partial<EngineDeps> = {}, now = new Date('2026-12-01T02:00:00Z')): Promise<ConversationKit> {
  const t = await freshDb();
  const clock = new FakeClock(now);
  const u = await understanding();
  await seedDemo(t.db, u.reader, clock);
  const jobs = await JobIndex.load(t.db, u);
  // The staff side as the service wires it: the demo answers, hand-overs with default staff hours.
  const engine = new Engine({ db: t.db, jobs, clock, log: silentLogger, answers: new ProgrammeAnswers(t.db), handovers: new Handovers(t.db, clock), ...extra });
  const say = async (address: string, text: string, more: Partial<Inbound> = {}) => (await engine.handle({ channel: 'web', address, text, ...more })).replies;
  return {
    t,
    jobs,
    clock,
    engine,
    say,
    async script(address, turns) {
      const out: string[] = [];
      const all: Reply[][] = [];
      for (const turn of turns) {
        const msg = typeof turn === 'string' ? { text: turn } : { text: '', ...turn };
        const replies = await say(address, msg.text ?? '', msg);
        all.push(replies);
        out.push(`👤 ${msg.location ? `[位置] ${msg.text}` : msg.text}${msg.menu !== undefined ? ` [按钮·${msg.menu}]` : ''}`);
        for (const r of replies) out.push(render(r));
      }
      return { lines: out.join('\n'), replies: all };
    },
  };
}

/** A reply as a transcript shows it: its text, indented, and its buttons in brackets. */
export function render(r: Reply): string {
  const text = r.text
    .split('\n')
    .map((l) => `   ${l}`)
    .join('\n');
  const buttons = r.choices?.length ? `\n   ${r.choices.map((c) => `[${c.id} ${c.label}]`).join(' ')}` : '';
  return `🤖${text.slice(2)}${buttons}`;
}
