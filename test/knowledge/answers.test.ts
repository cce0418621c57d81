// The knowledge base as the chat will use it: the demo answers (prisma/seed/programme-answers.csv)
// in a real database, and what workers type — spoken forms, typos of the same sound, full-width
// characters — against the job searches that must not be taken for questions about the programme.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProgrammeAnswers } from '../../knowledge/answers.ts';
import { importAnswers, parseAnswersCsv } from '../../knowledge/import.ts';
import { answerLength, answerProblem, MAX_ANSWER } from '../../knowledge/rules.ts';
import { freshDb, type TestDb } from '../support/db.ts';

let t: TestDb;
let answers: ProgrammeAnswers;
const seed = () => parseAnswersCsv(new Uint8Array(fs.readFileSync('prisma/seed/programme-answers.csv')));

beforeAll(async () => {
  t = await freshDb();
  const { rows, problems } = seed();
  await importAnswers(t.db, rows, problems);
  answers = new ProgrammeAnswers(t.db);
});
afterAll(async () => {
  await t.cleanup();
});

describe('the demo answers', () => {
  it('all pass the rules: at most 50 characters, a phone number or a place to go', () => {
    const { rows, problems } = seed();
    expect(problems).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(10);
    for (const r of rows) {
      expect(answerLength(r.value.answer), r.value.topic).toBeLessThanOrEqual(MAX_ANSWER);
      expect(answerProblem(r.value.answer), r.value.topic).toBeNull();
    }
  });
});

describe('ProgrammeAnswers.find', () => {
  const ASKED: [string, string][] = [
    ['车费能报吗', '交通补贴'],
    ['路费补贴', '交通补贴'],
    ['去广州的路费能不能报？', '交通补贴'],
    ['交通补帖', '交通补贴'], // 帖 for 贴, same sound
    ['有什么补贴', '补贴政策'],
    ['稳岗补贴怎么领', '稳岗补贴'],
    ['老板不给钱', '欠薪'],
    ['工资被拖欠怎么办', '欠薪'],
    ['老板拖欠工资两个月了', '欠薪'],
    ['工资一直不发', '欠薪'],
    ['工资不发怎么办！！', '欠薪'],
    ['在哪里学电焊', '焊工订单班'],
    ['学电焊要钱吗', '焊工订单班'],
    ['培训怎么报名', '培训报名'],
    ['我想学个技术', '培训报名'],
    ['劳务站在哪', '劳务协作站'],
    ['劳务写作站在哪', '劳务协作站'], // 写 for 协
    ['在广州被欺负了', '山海心连之家'],
    ['山海心联之家', '山海心连之家'], // 联 for 连
    ['回广州有专车吗', '返岗专车'],
    ['零工市场在哪里', '零工市场'],
    ['公益岗怎么申请', '公益岗'],
    ['帮扶车间在哪', '帮扶车间'],
    ['ｌａｏ 工资被拖欠', '欠薪'], // full-width letters and a space
  ];
  it.each(ASKED)('"%s" → %s', async (text, topic) => {
    const found = await answers.find(text);
    expect(found?.topic).toBe(topic);
    expect(found?.answer.length).toBeGreaterThan(0);
    expect(found?.id).toBeGreaterThan(0);
  });

  const SEARCHES = [
    '焊工 广州',
    '保洁',
    '进厂',
    '电焊工 月薪8000',
    '找个搬运的活',
    '技术员', // not 学技术 with a character missing
    '月工资多少', // not 要工资 / 拖工资 with one character different in sound
    '我要工资高的',
    '做家政',
    '厨师',
    '找零工',
    '普工包吃住',
    '叉车司机 广州',
    '专车司机',
    '有没有日结的活',
    '工资没给够吗', // two characters off from 工钱没给
    '',
    '？？？',
  ];
  it.each(SEARCHES)('"%s" is a job search (or nothing): null', async (text) => {
    expect(await answers.find(text)).toBeNull();
  });

  it('the longest word wins, then the entry with more words found', async () => {
    // 补贴 (补贴政策) and 路费补贴 (交通补贴) both occur; the longer decides.
    expect((await answers.find('路费补贴有吗'))?.topic).toBe('交通补贴');
    const extra = await t.db.programmeAnswer.create({ data: { topic: '测试甲', keywords: JSON.stringify(['路费补贴', '几号发', '补贴几号']), answer: '到惠水县就业局问。' } });
    try {
      expect((await answers.find('路费补贴几号发'))?.topic).toBe('测试甲'); // same longest word, more words found (3 to 交通补贴's 2)
      expect((await answers.find('路费补贴有吗'))?.topic).toBe('交通补贴'); // a tie: the older entry
    } finally {
      await t.db.programmeAnswer.delete({ where: { id: extra.id } });
    }
  });

  it('sees entries added, changed and deleted since the last question', async () => {
    expect(await answers.find('社保怎么交')).toBeNull();
    const row = await t.db.programmeAnswer.create({ data: { topic: '社保', keywords: JSON.stringify(['交社保', '社保怎么交']), answer: '到惠水县社保局窗口办。' } });
    expect((await answers.find('社保怎么交'))?.topic).toBe('社保');
    await t.db.programmeAnswer.update({ where: { id: row.id }, data: { answer: '到惠水县政务服务中心社保窗口办。' } });
    expect((await answers.find('社保怎么交'))?.answer).toBe('到惠水县政务服务中心社保窗口办。');
    await t.db.programmeAnswer.delete({ where: { id: row.id } });
    expect(await answers.find('社保怎么交')).toBeNull();
  });
});

describe('answer rules', () => {
  it('counts graphemes without spaces, and wants a phone number or a place', () => {
    expect(answerLength('到 就业局 问👍🏽')).toBe(6);
    expect(answerProblem('到惠水县就业局问')).toBeNull();
    expect(answerProblem('打 0854-6201234 问')).toBeNull();
    expect(answerProblem('打１２３３３问')).toBeNull(); // full-width digits of a service number
    expect(answerProblem('有补贴，问问看')).toContain('phone number');
    expect(answerProblem(`${'补'.repeat(46)}到就业局问`)).toContain('51');
    expect(answerProblem(`${'补 '.repeat(44)}就业局`)).toBeNull(); // 47 without the spaces
  });
});
