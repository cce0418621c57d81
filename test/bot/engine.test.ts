// The conversation engine's turns against a real migrated SQLite database with the demo data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../../bot/engine.ts';
import type { Inbound, Reply } from '../../bot/reply.ts';
import { FakeClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/log.ts';
import { JobIndex } from '../../postings/job-index.ts';
import { seedDemo } from '../../prisma/seed.ts';
import { freshDb, type TestDb } from '../support/db.ts';
import { understanding } from '../support/understanding.ts';

let t: TestDb;
let engine: Engine;
let jobs: JobIndex;
const clock = new FakeClock(new Date('2026-12-01T02:00:00Z'));

beforeAll(async () => {
  t = await freshDb();
  const u = await understanding();
  await seedDemo(t.db, u.reader, clock);
  jobs = await JobIndex.load(t.db, u);
  engine = new Engine({ db: t.db, jobs, clock, log: silentLogger });
});
afterAll(() => t.cleanup());

const say = async (address: string, text: string, extra: Partial<Inbound> = {}): Promise<Reply[]> => (await engine.handle({ channel: 'web', address, text, ...extra })).replies;

describe('one message', () => {
  it('answers "焊工 广州 6000" with three welding jobs in Guangzhou and a reason each', async () => {
    const [r] = await say('w1', '焊工 广州 6000');
    expect(r.cards).toHaveLength(3);
    for (const c of r.cards!) {
      const p = jobs.posting(c.postingId)!;
      expect(p.occupationCode).toBe('6-18-02-04');
      expect(p.city).toBe('广州市');
      expect(p.monthlyMax!).toBeGreaterThanOrEqual(6000);
      expect(c.title.length).toBeLessThanOrEqual(7);
      expect(c.pay).toMatch(/\/月$|^计件/);
    }
    expect(r.text.split('\n')[0]).toBe('找：电焊工·广州·6000以上');
    expect(r.choices!.map((c) => c.id)).toEqual(['1', '2', '3', '4', '7', '5', '6']);
  });

  it('says so and offers other places when nothing fits the place asked for', async () => {
    const [r] = await say('w3', '叉车 哈尔滨');
    expect(r.text).toContain('没有完全合适的，下面地方不同');
    expect(r.cards!.length).toBeGreaterThan(0);
    expect(jobs.posting(r.cards![0].postingId)!.occupationName).toBe('起重装卸机械操作工');
  });

  it('says so when the best there is has another type than asked for (no welding by the day here)', async () => {
    const [r] = await say('w7', '电焊 零工 惠水');
    expect(r.text.startsWith('没有完全合适的，下面类型不同')).toBe(true);
    expect(jobs.posting(r.cards![0].postingId)!.occupationCode).toBe('6-18-02-04');
  });

  it('understands a misspelt trade', async () => {
    const [r] = await say('w2', '汗工');
    expect(r.cards!.length).toBeGreaterThan(0);
    expect(jobs.posting(r.cards![0].postingId)!.occupationCode).toBe('6-18-02-04');
  });

  it('asks about a trade it only guessed, with a button to say no; no drops the guess and searches broadly', async () => {
    const [r] = await say('w4', '汗工');
    expect(r.text).toContain('你是说“焊工”吗？不是回9');
    expect(r.choices!.at(-1)).toEqual({ id: '9', label: '❌不是焊工' });
    const [ok, again] = await say('w4', '9');
    expect(ok.text).toBe('好，不找“焊工”了，按你的原话找。');
    expect(again.cards!.length).toBeGreaterThan(0);
    for (const c of again.cards!) expect(jobs.posting(c.postingId)!.occupationCode).not.toBe('6-18-02-04');
    // Said in words works too; and a trade named plainly is no guess: no question, no 9.
    await say('w5', '保按');
    const [, byWord] = await say('w5', '不是');
    for (const c of byWord.cards ?? []) expect(jobs.posting(c.postingId)!.occupationCode).not.toBe('4-07-05-01');
    const [plain] = await say('w6', '焊工');
    expect(plain.text).not.toContain('你是说');
    expect(plain.choices!.map((c) => c.id)).not.toContain('9');
    expect((await say('w6', '9'))[0].text).toBe('请回下面的数字。');
  });
});

describe('guided', () => {
  it('找工作 → a trade button → real postings, in two turns', async () => {
    const [q] = await say('g1', '找工作');
    expect(q.choices!.length).toBeGreaterThanOrEqual(5);
    const [r] = await say('g1', '3'); // 保洁家政
    expect(r.cards).toHaveLength(3);
    expect(['4-09-08-01', '4-10-01-06']).toContain(jobs.posting(r.cards![0].postingId)!.occupationCode);
  });

  it('asks where, one question at a time, and narrows the results', async () => {
    await say('g2', '保洁');
    const [ask] = await say('g2', '5');
    expect(ask.text).toContain('哪里');
    const [r] = await say('g2', '4'); // 广东
    for (const c of r.cards!) expect(jobs.posting(c.postingId)!.province).toBe('广东省');
  });

  it('asks the wage and filters by it', async () => {
    await say('g3', '保安');
    await say('g3', '6');
    const [r] = await say('g3', '2'); // 5000以上
    for (const c of r.cards!) expect(jobs.posting(c.postingId)!.monthlyMax!).toBeGreaterThanOrEqual(5000);
  });

  it('shows more, then says when there is no more', async () => {
    const [first] = await say('g4', '保洁');
    const [second] = await say('g4', '更多');
    expect(second.cards![0].postingId).not.toBe(first.cards![0].postingId);
    let last: Reply = second;
    for (let i = 0; i < 20 && last.cards; i++) [last] = await say('g4', '4');
    expect(last.text).toContain('没有更多');
  });
});

describe('interest and consent', () => {
  it('records interest in the picked job and asks before sharing the phone', async () => {
    const [r] = await say('i1', '焊工');
    const picked = r.cards![1].postingId;
    const [details] = await say('i1', '2');
    expect(details.choices!.map((c) => c.id)).toEqual(['1', '2']);
    expect(details.text).toContain(jobs.posting(picked)!.employer.name.slice(0, 6));
    const [ack] = await say('i1', '1');
    expect(ack.text).toContain('✅已报名');
    expect(ack.text).toContain('电话');
    const worker = await t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'i1' } } });
    const interest = await t.db.interest.findFirstOrThrow({ where: { workerId: worker.workerId } });
    expect(interest.postingId).toBe(picked);
    expect(interest.consent).toBe('pending');
    const [askPhone] = await say('i1', '1');
    expect(askPhone.text).toContain('手机号');
    const [bad] = await say('i1', '12345');
    expect(bad.text).toContain('不对');
    await say('i1', '138 1234 5678');
    const after = await t.db.interest.findUniqueOrThrow({ where: { id: interest.id } });
    expect(after.consent).toBe('granted');
    expect((await t.db.worker.findUniqueOrThrow({ where: { id: worker.workerId } })).phone).toBe('+8613812345678');
  });

  it('does not record the same interest twice', async () => {
    await say('i2', '焊工');
    await say('i2', '1');
    await say('i2', '1');
    await say('i2', '2'); // 不同意
    await say('i2', '焊工');
    await say('i2', '1');
    const [again] = await say('i2', '1');
    expect(again.text).toContain('已经报过名');
  });
});

describe('keywords and bad input', () => {
  it('helps', async () => {
    const [r] = await say('k1', '帮助');
    expect(r.text).toContain('退订');
  });

  it('opts out and back in', async () => {
    const [r] = await say('k2', 'ＳＴＯＰ');
    expect(r.text).toContain('已退订');
    const id = await t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'k2' } }, include: { worker: true } });
    expect(id.optedOut).toBe(true);
    expect(id.worker.optedOut).toBe(true);
    const [back] = await say('k2', '订阅');
    expect(back.text).toContain('恢复');
  });

  it('stays silent on SMS after 退订 until 订阅', async () => {
    await engine.handle({ channel: 'sms', address: '+8613900000001', text: '退订' });
    expect((await engine.handle({ channel: 'sms', address: '+8613900000001', text: '焊工' })).replies).toEqual([]);
    expect((await engine.handle({ channel: 'sms', address: '+8613900000001', text: 'start' })).replies[0].text).toContain('恢复');
  });

  it.each([[''], ['   '], ['😀😀'], ['\u0000\u0001'], ['啊啊啊啊']])('answers %j with a question, not a crash', async (text) => {
    const [r] = await say('b1', text);
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.choices!.length).toBeGreaterThan(0);
  });

  it('refuses a huge message without losing the conversation', async () => {
    await say('b2', '焊工');
    const [r] = await say('b2', '焊'.repeat(3000));
    expect(r.text).toContain('字太多');
    const [more] = await say('b2', '4');
    expect(more.cards!.length).toBeGreaterThan(0);
  });

  it('answers a voice note with what it can take', async () => {
    const [r] = await say('b3', '', { unsupported: 'voice' });
    expect(r.text).toContain('文字');
  });
});

describe('state', () => {
  it('survives a restart: a new engine over the same database continues the conversation', async () => {
    const [first] = await say('s1', '保洁');
    const again = new Engine({ db: t.db, jobs: await JobIndex.load(t.db, await understanding()), clock, log: silentLogger });
    const [r] = (await again.handle({ channel: 'web', address: 's1', text: '4' })).replies;
    expect(r.cards![0].postingId).not.toBe(first.cards![0].postingId);
  });

  it('remembers the home township and ranks nearby jobs by distance', async () => {
    const [saved, results] = await say('h1', '我是好花红的 想找保洁');
    expect(saved.text).toContain('好花红镇');
    expect(results.cards!.length).toBeGreaterThan(0);
    const w = await t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'h1' } }, include: { worker: true } });
    expect(w.worker.homeTown).toBe('好花红镇');
  });

  it('sets home from a shared location', async () => {
    const [saved] = await say('h2', '', { location: { lat: 26.0139, lng: 106.594 } });
    expect(saved.text).toContain('好花红镇');
  });
});

describe('job fairs', () => {
  it('shows the next fair and subscribes with one digit', async () => {
    await say('f1', '焊工');
    const [fair] = await say('f1', '招聘会');
    expect(fair.text).toContain('招聘会');
    expect(fair.text).toContain('12月15日');
    const [ok] = await say('f1', '1');
    expect(ok.text).toContain('已报名');
    const [dup] = await say('f1', '招聘会').then(() => say('f1', '1'));
    expect(dup.text).toContain('已经报名');
    const [conf] = await say('f1', '会去');
    expect(conf.text).toContain('到时见');
    const sub = await t.db.fairSubscription.findFirstOrThrow({ where: { recipient: 'f1' } });
    expect(sub.confirmedAt).not.toBeNull();
  });

  it('opens a fair from a deep link', async () => {
    const fair = await t.db.jobFair.findFirstOrThrow();
    const [r] = await say('f2', `/start fair_${fair.id}`);
    expect(r.text).toContain('📢惠水—荔湾劳务协作专场招聘会\n🕘12月15日(周二)9点');
    expect(r.choices!.map((c) => c.id)).toContain('1');
  });
});

describe('privacy', () => {
  it('deletes the worker data on request and keeps aggregate counts', async () => {
    await say('d1', '焊工');
    await say('d1', '1');
    await say('d1', '1');
    await say('d1', '删除我的信息');
    const [r] = await say('d1', '1');
    expect(r.text).toContain('已删除');
    expect(await t.db.identity.findUnique({ where: { channel_address: { channel: 'web', address: 'd1' } } })).toBeNull();
    const anon = await t.db.worker.findFirstOrThrow({ where: { deletedAt: { not: null } }, include: { interests: true } });
    expect(anon.phone).toBeNull();
    expect(anon.interests.length).toBe(1);
  });
});

describe('two messages from one person at once', () => {
  it('neither overwrites the other: the later turn is taken again from the newer state', async () => {
    // Two engines stand for two processes: nothing in memory serialises them, only the database.
    let other: Engine | null = null;
    let raced = false;
    const first = new Engine({
      db: t.db,
      jobs,
      clock,
      log: silentLogger,
      hooks: {
        // While this turn is in the middle of "1" (an interest), the other process takes "保洁".
        interestCreated: async () => {
          if (raced) return;
          raced = true;
          await other!.handle({ channel: 'web', address: 'race1', text: '保洁' });
        },
      },
    });
    other = new Engine({ db: t.db, jobs, clock, log: silentLogger });
    await first.handle({ channel: 'web', address: 'race1', text: '焊工' });
    await first.handle({ channel: 'web', address: 'race1', text: '1' });
    await first.handle({ channel: 'web', address: 'race1', text: '1' });
    expect(raced).toBe(true);
    const identity = await t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'race1' } }, include: { conversation: true } });
    const state = JSON.parse(identity.conversation!.state);
    // The search the other process saved survives, and "1" was answered after it: on the
    // cleaning list, 1 opens the first cleaning job.
    expect(state.search.base).toBe('保洁');
    expect(state.step).toBe('job');
    expect(state.jobId).toBe(state.results[0]);
  });

  it('one process takes the turns of one person one at a time', async () => {
    const texts = ['焊工', '保洁', '普工', '厨师', '司机', '保安'];
    await Promise.all(texts.map((text) => engine.handle({ channel: 'web', address: 'race2', text })));
    const identity = await t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'race2' } }, include: { conversation: true } });
    expect(identity.conversation!.version).toBe(texts.length);
  });
});

describe('odd input', () => {
  it('answers a poster link to a fair number no fair can have', async () => {
    const [r] = await say('odd1', '/start fair_100000000000000000000');
    expect(r.text.length).toBeGreaterThan(0);
  });

  it('answers text with a lone surrogate', async () => {
    const [r] = await say('odd2', '焊\ud800工');
    expect(r.text.length).toBeGreaterThan(0);
  });
});
