// "删除我的信息" then "1", over SMS (Twilio stand-in), Telegram (webhook, Bot API stand-in) and the
// web chat, against the whole service and a real database: afterwards no row of any table holds
// the worker's phone, chat id, web id or words; the confirmation still reaches them; the
// statistics keep their counts. The scan reads every text column of every model, so a table
// added later is covered without touching this test. Each worker also asked for a person: their
// hand-overs (address, last words) and the staff answers to them go too.
import { Prisma } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../api/auth.ts';
import { T } from '../../bot/texts.zh.ts';
import { type Channels, startWithChannels } from '../support/channels.ts';
import type { TestService } from '../support/service.ts';
import { cookieAddress, type WebClient, webClient } from '../support/web-client.ts';

let ch: Channels;
let s: TestService;
let sms: Channels['sms'];
let tg: Channels['tg'];
let staff: string;

const SMS_WORKER = '+8613912340001';
const CONTROL = '+8613911112222'; // consents too, and keeps their data
const TG_CHAT = '8123456789';
const TG_PHONE = '13987654321';
// The web worker's identity is the session cookie's; known after its first message.
const web = { client: null as WebClient | null, address: '' };
const WEB_PHONE = '13755554444';

beforeAll(async () => {
  ch = await startWithChannels('77:deletion-test', 6);
  ({ s, sms, tg } = ch);
  staff = (await createUser(s.db, { name: '就业局', role: 'staff' })).token;
});
afterAll(() => ch.close());

const flush = () => ch.flush();
const smsIn = async (from: string, body: string) => void (await ch.smsIn(from, body));
const tgIn = async (chat: string, text: string) => void (await ch.tgIn(chat, text));

async function webIn(text: string) {
  web.client ??= webClient(s.url);
  const r = await web.client.chat(text);
  expect(r.status).toBe(200);
  web.address = cookieAddress(web.client.cookie!);
  return r.body.replies as { text: string }[];
}

/** A recruiter (notices to a Telegram chat) for the employer of the first job the worker was shown. */
let recruiters = 0;
async function recruiterForFirstResult(channel: string, address: string) {
  const conv = await s.db.conversation.findFirstOrThrow({ where: { identity: { channel, address } } });
  const postingId = (JSON.parse(conv.state).results as number[])[0];
  const { employerId } = await s.db.posting.findUniqueOrThrow({ where: { id: postingId } });
  if (!(await s.db.user.findFirst({ where: { employerId } })))
    await createUser(s.db, { name: `HR${++recruiters}`, role: 'recruiter', employerId, telegramChatId: `66600${recruiters}` });
}

/** Every text column of every model, searched for each needle: "Model.field ∋ needle". */
async function rowsHolding(needles: string[]): Promise<string[]> {
  const hits: string[] = [];
  for (const model of Prisma.dmmf.datamodel.models) {
    const fields = model.fields.filter((f) => f.kind === 'scalar' && f.type === 'String').map((f) => f.name);
    if (!fields.length) continue;
    const delegate = (s.db as unknown as Record<string, { findMany(a: unknown): Promise<Record<string, unknown>[]> }>)[model.name[0].toLowerCase() + model.name.slice(1)];
    const rows = await delegate.findMany({ select: Object.fromEntries(fields.map((f) => [f, true])) });
    for (const row of rows)
      for (const f of fields) for (const needle of needles) if (typeof row[f] === 'string' && (row[f] as string).includes(needle)) hits.push(`${model.name}.${f} ∋ ${needle}`);
  }
  return [...new Set(hits)];
}

const stats = async () => {
  const r = await fetch(`${s.url}/api/stats`, { headers: { authorization: `Bearer ${staff}` } });
  expect(r.status).toBe(200);
  return (await r.json()) as { totals: Record<string, number>; byFair: unknown[]; byTrade: unknown[]; byTownship: { interests: number }[] };
};

const NEEDLES = {
  sms: [SMS_WORKER, SMS_WORKER.slice(3), '王小二'],
  telegram: [TG_CHAT, TG_PHONE, '李四妹'],
  get web() {
    return [web.address, WEB_PHONE, '赵六哥'];
  },
};

describe('a worker who asks to be forgotten', () => {
  let before: Awaited<ReturnType<typeof stats>>;

  beforeAll(async () => {
    // SMS: a home, a search in their own words, interest with consent, a fair, job alerts.
    await smsIn(SMS_WORKER, '我是好花红的');
    await smsIn(SMS_WORKER, '焊工 王小二');
    await recruiterForFirstResult('sms', SMS_WORKER);
    await smsIn(SMS_WORKER, '1');
    await smsIn(SMS_WORKER, '1');
    await smsIn(SMS_WORKER, '1');
    await smsIn(SMS_WORKER, '招聘会');
    await smsIn(SMS_WORKER, '1');
    await smsIn(SMS_WORKER, '提醒我');
    // Another worker in the same notices, who stays.
    await smsIn(CONTROL, '焊工');
    await recruiterForFirstResult('sms', CONTROL);
    await smsIn(CONTROL, '1');
    await smsIn(CONTROL, '1');
    await smsIn(CONTROL, '1');
    // Telegram: interest, consent, the phone typed in.
    await tgIn(TG_CHAT, '保洁 李四妹');
    await recruiterForFirstResult('telegram', TG_CHAT);
    await tgIn(TG_CHAT, '1');
    await tgIn(TG_CHAT, '1');
    await tgIn(TG_CHAT, '1');
    await tgIn(TG_CHAT, '139 8765 4321');
    // Web chat: the same.
    await webIn('保安 赵六哥');
    await recruiterForFirstResult('web', web.address);
    await webIn('1');
    await webIn('1');
    await webIn('1');
    await webIn(WEB_PHONE);
    // The recruiters' digests go out, quoting the phones; one recruiter acts on a candidate.
    s.clock.advance(60_000);
    await flush();
    const interest = await s.db.interest.findFirstOrThrow({ where: { worker: { identities: { some: { address: SMS_WORKER } } } } });
    const recruiter = await s.db.user.findFirstOrThrow({
      where: { role: 'recruiter', employerId: (await s.db.posting.findUniqueOrThrow({ where: { id: interest.postingId } })).employerId },
    });
    const { decide } = await import('../../recruiters/decisions.ts');
    await decide(s.db, s.clock, recruiter, interest.id, 'contacted');
    // Each worker asked for a person; staff answered two of them by name.
    for (const [channel, address, name] of [
      ['sms', SMS_WORKER, '王小二'],
      ['telegram', TG_CHAT, '李四妹'],
      ['web', web.address, null],
    ] as const) {
      const identity = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel, address } } });
      const h = await s.handovers.open({ workerId: identity.workerId, identityId: identity.id, channel, address, reason: 'asked', lastText: `我要找人工 ${name ?? '赵六哥'}` });
      if (!name) continue;
      const r = await fetch(`${s.url}/api/handovers/${h.id}/reply`, {
        method: 'POST',
        headers: { authorization: `Bearer ${staff}`, 'content-type': 'application/json' },
        body: JSON.stringify({ text: `${name}你好，我是就业局的` }),
      });
      expect(r.status).toBe(200);
    }
    await flush();
    before = await stats();
  }, 120_000);

  it('the data was there to be deleted (the scan finds it)', async () => {
    const digests = tg.sent.filter((m) => m.chat_id.startsWith('66600')).map((m) => m.text);
    expect(digests.join('\n')).toContain(SMS_WORKER);
    expect(digests.join('\n')).toContain(`+86${TG_PHONE}`);
    expect(digests.join('\n')).toContain(`+86${WEB_PHONE}`);
    const hits = await rowsHolding(Object.values(NEEDLES).flat());
    for (const needle of Object.values(NEEDLES).flat())
      expect(
        hits.some((h) => h.endsWith(`∋ ${needle}`)),
        needle,
      ).toBe(true);
  });

  it('over SMS, at night: the confirmation arrives, then nothing of the worker is left', async () => {
    s.clock.set('2026-12-01T14:30:00Z'); // 22:30 in Huishui: quiet hours hold notices, not this
    const sent = sms.sent.length;
    await smsIn(SMS_WORKER, '删除我的信息');
    await smsIn(SMS_WORKER, '1');
    const got = sms.sent.slice(sent).filter((m) => m.To === SMS_WORKER);
    expect(got.map((m) => m.Body)).toEqual([expect.stringContaining('确定删除'), T.deleted]);
    expect(await rowsHolding(NEEDLES.sms)).toEqual([]);
    expect(await rowsHolding([CONTROL])).not.toEqual([]); // the other candidate is untouched
    const worker = await s.db.interest.findFirstOrThrow({ where: { worker: { deletedAt: { not: null } } }, select: { workerId: true } });
    expect(await s.db.handover.count({ where: { workerId: worker.workerId } })).toBe(0);
    expect(await s.db.handoverReply.count({ where: { text: { contains: '王小二' } } })).toBe(0);
    expect(await s.db.handover.count()).toBe(2); // the other two workers' are untouched
  });

  it('over Telegram: the confirmation arrives, then nothing of the worker is left', async () => {
    const sent = tg.sent.length;
    await tgIn(TG_CHAT, '删除我的信息');
    await tgIn(TG_CHAT, '1');
    expect(
      tg.sent
        .slice(sent)
        .filter((m) => m.chat_id === TG_CHAT)
        .map((m) => m.text),
    ).toEqual([expect.stringContaining('确定删除'), T.deleted]);
    expect(await rowsHolding(NEEDLES.telegram)).toEqual([]);
  });

  it('on the web chat: the confirmation is the answer, then nothing of the worker is left', async () => {
    await webIn('删除我的信息');
    expect((await webIn('1'))[0].text).toBe(T.deleted);
    await flush();
    expect(await rowsHolding(NEEDLES.web)).toEqual([]);
    expect(await s.db.handover.count()).toBe(0);
    expect(await s.db.handoverReply.count()).toBe(0);
  });

  it('the confirmations left no address or text behind', async () => {
    const rows = await s.db.outboundMessage.findMany({ where: { kind: 'deletion-confirmation' } });
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) expect(r).toMatchObject({ state: 'sent', recipient: '[deleted]', body: '[已删除]', providerId: null });
  });

  it('the statistics keep their counts', async () => {
    const after = await stats();
    expect(after.totals).toEqual(before.totals);
    expect(after.byTrade).toEqual(before.byTrade);
    expect(after.byFair).toEqual(before.byFair);
    // The township was the worker's: their interest counts on, under no township.
    const sum = (x: typeof before) => x.byTownship.reduce((a, t) => a + t.interests, 0);
    expect(sum(after)).toBe(sum(before));
  });
});
