// The reading budget: a worker who reads little, on an old phone. Every text the engine has
// (bot/texts.zh.ts, with long but real arguments) and every reply to a wide set of real-looking
// messages is measured: a list of three jobs ≤ 90 visible characters, every other reply ≤ 50.
// Official classification names (道路货运汽车驾驶员…) never reach a worker.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIST_BUDGET, readingLength, REPLY_BUDGET } from '../../lib/reading.ts';
import type { Reply } from '../../bot/reply.ts';
import { CONSENT_CHOICES, HUMAN_CHOICES, JOB_ACTIONS, PLACE_MENU, RESULT_ACTIONS, T, TRADE_MENU, WAGE_MENU } from '../../bot/texts.zh.ts';
import { everydayName, NAMED_CODES } from '../../bot/words/trade-names.ts';
import { renderCancellation, renderReminder } from '../../delivery/reminders.ts';
import { sendJobAlerts } from '../../recruiters/alerts.ts';
import { TELL_WORKER } from '../../recruiters/decisions.ts';
import { type ConversationKit, conversationKit } from '../support/conversation.ts';

const OCCUPATIONS = JSON.parse(fs.readFileSync(new URL('../../matching/data/occupations.json', import.meta.url), 'utf8')) as { code: string; name: string }[];
/** Official names long enough that no recruiter or worker writes them by chance. */
const OFFICIAL = OCCUPATIONS.map((o) => o.name.replace(/L$/, '')).filter((n) => n.length >= 5 && !NAMED_CODES.some((c) => everydayName(c) === n));

function budgetOf(r: Reply): number {
  return r.cards?.length ? LIST_BUDGET : REPLY_BUDGET;
}

describe('every template', () => {
  // Arguments as long as real ones get: the longest town, trade word and staff phrase.
  const samples: Record<string, unknown[]> = {
    relaxed: [['place', 'wage']],
    guessed: ['养老护理'],
    notGuess: ['养老护理'],
    searchHead: ['refine', '电焊工/货车司机·广州白云·1.2万以上', 2],
    homeSaved: ['好花红镇'],
    interested: ['手机组装作业员'],
    alreadyInterested: ['手机组装作业员'],
    fairWhen: ['惠水—荔湾劳务协作专场招聘会', '12月15日(周二)9:00'],
    fairWhere: ['惠水县人力资源市场'],
    fairBuses: ['好花红8:00，摆金8:00，断杉8:00，王佑8:00'],
    fairBring: ['身份证、简历、技能证书、健康证'],
    handedOver: ['明天9点后'],
  };
  for (const [name, value] of Object.entries(T)) {
    it(`${name} fits ${REPLY_BUDGET}`, () => {
      const text = typeof value === 'function' ? (value as (...a: unknown[]) => string)(...(samples[name] ?? [])) : value;
      expect(readingLength(text), text).toBeLessThanOrEqual(REPLY_BUDGET);
    });
  }

  it('buttons are a few words each', () => {
    for (const c of [
      ...TRADE_MENU.map((t) => t.choice),
      ...PLACE_MENU.map((p) => p.choice),
      ...WAGE_MENU.map((w) => w.choice),
      ...RESULT_ACTIONS,
      ...JOB_ACTIONS,
      ...CONSENT_CHOICES,
      ...HUMAN_CHOICES,
    ]) {
      expect(readingLength(c.label), c.label).toBeLessThanOrEqual(7);
    }
  });
});

describe('everyday trade names', () => {
  it('name every trade the engine knows a word for, briefly, never by the official name when that is long', () => {
    const lexicon = fs.readFileSync(new URL('../../matching/data/lexicon.ts', import.meta.url), 'utf8');
    const codes = new Set(lexicon.match(/\d-\d\d-\d\d-\d\d/g));
    for (const code of codes) {
      const name = everydayName(code);
      expect(name, code).toBeTruthy();
      expect(readingLength(name!), name!).toBeLessThanOrEqual(5);
    }
    for (const code of NAMED_CODES)
      expect(
        OCCUPATIONS.some((o) => o.code === code),
        code,
      ).toBe(true);
    expect(everydayName('4-02-02-02')).toBe('货车司机');
    expect(everydayName('6-30-05-05')).toBe('挖机师傅');
    expect(everydayName('6-05-01-03')).toBe('车衣工');
  });
});

describe('every reply to real-looking messages', () => {
  let kit: ConversationKit;
  beforeAll(async () => {
    kit = await conversationKit();
  });
  afterAll(() => kit.t.cleanup());

  // Messages of the kinds workers send: trades, places, wages, typos, pinyin, dialect, needs,
  // questions, follow-ups, digits. Each script is one worker.
  const scripts = [
    ['焊工 广州 6000', '1', '2', '4', '工资高点的', '有没有包吃住的', '2', '5', '1', '1'],
    ['开货车', '1', '1', '1', '13812345678'],
    ['挖机', '4', '4', '7', '3'],
    ['汗工', '9', '近一点的', '3'],
    ['带娃做饭 县城', '别的', '别的', '更多'],
    ['保吉 县城', '6', '2'],
    ['50岁了还能干啥', '包吃住', '不要夜班'],
    ['进厂 包吃住 惠州', '3', '2'],
    ['零工 日结', '惠水', '200一天以上'],
    ['招聘会什么时候', '在哪', '有车吗', '要带什么', '1', '2', '招聘会'],
    ['dianhan guangzhou', 'woyao zhao gongzuo', 'I need a job', '5'],
    ['学开叉车', '考证'],
    ['我是好花红的 保洁', '离家近的'],
    ['车衣 计件', '1', '2'],
    ['养老院 护理 贵阳 5000', '1', '1', '2'],
    ['阿巴阿巴', '呜呜', '2', '帮助', '退订', '订阅'],
    ['厨师 荔湾 包吃住 一万', '4', '4', '4'],
    ['删除我的信息', '2'],
  ];
  for (const [k, script] of scripts.entries()) {
    it(`script ${k + 1}: ${script.join(' / ')}`, async () => {
      const { replies, lines } = await kit.script(`budget-${k}`, script);
      for (const r of replies.flat()) {
        expect(readingLength(r.text), `${r.text}\n\n${lines}`).toBeLessThanOrEqual(budgetOf(r));
        if (r.cards) expect(r.cards.length).toBeLessThanOrEqual(3);
        for (const name of OFFICIAL) {
          expect(r.text, `official name ${name}`).not.toContain(name);
          for (const c of r.choices ?? []) expect(c.label).not.toContain(name);
        }
      }
    });
  }
});

describe('messages the service sends first, within the same budgets', () => {
  const fair = {
    name: '惠水—荔湾劳务协作专场招聘会',
    venue: '惠水县人力资源市场（涟江街道）二楼大厅',
    startsAt: new Date('2026-12-15T01:00:00Z'),
    timeZone: 'Asia/Shanghai',
  };

  it('fair reminders and cancellations', () => {
    for (const key of ['d3', 'd1', 'h2']) {
      for (const jobs of [null, 120]) {
        const text = renderReminder(fair, key, jobs);
        expect(readingLength(text), text).toBeLessThanOrEqual(REPLY_BUDGET);
        expect(text).toContain('TD退订');
      }
    }
    expect(renderReminder({ ...fair, name: '冬季招聘会', venue: '县体育馆' }, 'd1', 3)).toBe('【惠水就业】明天9点冬季招聘会\n县体育馆\n3个岗位适合你 回“去”确认 TD退订');
    expect(readingLength(renderCancellation(fair))).toBeLessThanOrEqual(REPLY_BUDGET);
  });

  it('a recruiter decision, told to the worker', () => {
    for (const tell of Object.values(TELL_WORKER)) {
      const text = tell('手机组装作业员', '广州工控集团下属企');
      expect(readingLength(text), text).toBeLessThanOrEqual(REPLY_BUDGET);
    }
  });

  it('a job alert lists new jobs like a result list', async () => {
    const kit = await conversationKit();
    try {
      await kit.say('alert', '保洁');
      await kit.say('alert', '提醒我');
      await kit.t.db.worker.updateMany({ where: { wantsAlerts: true }, data: { alertedUpTo: 0 } });
      expect(await sendJobAlerts(kit.t.db, kit.jobs, kit.clock)).toBe(1);
      const { body } = await kit.t.db.outboundMessage.findFirstOrThrow({ where: { kind: 'alert' } });
      expect(body).toMatch(/^【惠水就业】有新活适合你：\n①.+\n②.+\n③.+\n回“保洁”看，TD退订$/);
      expect(readingLength(body), body).toBeLessThanOrEqual(LIST_BUDGET);
      for (const name of OFFICIAL) expect(body).not.toContain(name);
    } finally {
      await kit.t.cleanup();
    }
  });
});
