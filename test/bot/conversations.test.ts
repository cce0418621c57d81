// Whole conversations, as a worker has them: the real engine over a real migrated database with
// the demo data. Each test is one worker's transcript, checked turn by turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCard } from '../../bot/job-card.ts';
import { LIST_BUDGET, readingLength } from '../../lib/reading.ts';
import type { Reply } from '../../bot/reply.ts';
import { T } from '../../bot/texts.zh.ts';
import { type ConversationKit, conversationKit } from '../support/conversation.ts';

let kit: ConversationKit;
beforeAll(async () => {
  kit = await conversationKit();
});
afterAll(() => kit.t.cleanup());

const head = (r: Reply) => r.text.split('\n').find((l) => /^(找|重新找|只看)：/.test(l)) ?? '';
const ids = (r: Reply) => r.choices?.map((c) => c.id) ?? [];
const posting = (id: number) => kit.jobs.posting(id)!;

describe('a search, said back in a few words', () => {
  it('starts with what was understood and offers one-tap changes', async () => {
    const [r] = await kit.say('s1', '焊工 广州 一万以上');
    expect(head(r)).toBe('找：电焊工·广州·1万以上');
    expect(ids(r)).toEqual(expect.arrayContaining(['7', '5', '6']));
    expect(r.choices!.find((c) => c.id === '7')!.label).toContain('换工种');
    expect(r.choices!.find((c) => c.id === '5')!.label).toContain('换地方');
    expect(r.choices!.find((c) => c.id === '6')!.label).toContain('换工资');
    expect(readingLength(r.text)).toBeLessThanOrEqual(LIST_BUDGET);
    // One job per line: digit, everyday title, place, pay; no employer names in the list.
    for (const [k, c] of r.cards!.entries()) {
      expect(r.text).toContain(`${'①②③'[k]}${c.title}`);
      expect(c.pay).not.toBe('');
    }
  });

  it('换工种 keeps the place and wage and says it is a new search', async () => {
    await kit.say('s2', '焊工 广州');
    await kit.say('s2', '6');
    await kit.say('s2', '2'); // 5000以上
    const [menu] = await kit.say('s2', '7');
    expect(ids(menu)).toContain('1');
    const [r] = await kit.say('s2', '1'); // 进厂
    expect(head(r)).toBe('重新找：进厂·5000以上');
  });
});

describe('follow-ups narrow the search on the screen; a new trade starts a new one', () => {
  it('有没有包吃住的 → 工资高点的 → 零工 日结 → 别的', async () => {
    const { replies } = await kit.script('f1', ['电焊 荔湾', '有没有包吃住的', '工资高点的', '零工 日结', '别的']);
    const [[first], [board], [more], [gig], [other]] = replies;
    expect(head(first)).toBe('找：电焊工·广州荔湾');
    expect(head(board)).toBe('只看：电焊工·广州荔湾·包吃住');
    for (const c of board.cards!) expect(posting(c.postingId).boardAndLodging).toBe(true);
    // A thousand above the lowest pay on the screen.
    const lowest = Math.min(...board.cards!.map((c) => posting(c.postingId).monthlyMin ?? 0));
    expect(head(more)).toBe(`只看：电焊工·广州荔湾·${Math.ceil((lowest + 1000) / 1000) * 1000}以上·包吃住`);
    // 零工 日结 is a new search, not the welding list again.
    expect(head(gig)).toBe('重新找：日结零工');
    for (const c of gig.cards!) expect(posting(c.postingId).jobType).toBe('gig');
    expect(gig.cards!.map((c) => c.postingId)).not.toEqual(first.cards!.map((c) => c.postingId));
    // 别的: the next page of the same search.
    expect(head(other)).toBe('找：日结零工（第2页）');
    expect(other.cards!.some((c) => gig.cards!.some((g) => g.postingId === c.postingId))).toBe(false);
  });

  it('近一点的 asks for home once, then searches near it', async () => {
    const { replies } = await kit.script('f2', ['保洁', '近一点的', '3']);
    expect(replies[1][0].text).toBe(T.askHome);
    const [saved, near] = replies[2];
    expect(saved.text).toBe(T.homeSaved('好花红镇'));
    expect(head(near)).toBe('只看：保洁·离家近');
    expect(near.cards![0].place).toMatch(/^(家附近|离家\d+公里)$/);
  });

  it('a wage below every job found is no reason to say nothing fits', async () => {
    const [r] = await kit.say('f3', '保洁 3000');
    expect(r.text).not.toContain('没有完全合适');
    expect(head(r)).toBe('找：保洁·3000以上');
  });

  it('"I need a job" and pinyin ask which work instead of repeating the last list', async () => {
    await kit.say('f4', '焊工');
    for (const text of ['I need a job', 'woyao zhao gongzuo', '我要找活']) {
      const [r] = await kit.say('f4', text);
      expect(r.text).toBe(T.whichWork);
      expect(r.cards).toBeUndefined();
    }
  });

  it('an age alone is understood, and 包吃住 narrows it', async () => {
    const { replies } = await kit.script('f5', ['50岁了还能干啥', '包吃住']);
    expect(head(replies[0][0])).toBe('找：50岁');
    expect(head(replies[1][0])).toBe('只看：包吃住·50岁');
  });
});

describe('pages and details', () => {
  it('page two says it is page two, numbers its jobs from 1, and offers 更多 only when there is more', async () => {
    const seen = new Set<number>();
    let [r] = await kit.say('p1', '保洁');
    for (let page = 1; ; page++) {
      expect(head(r)).toBe(page === 1 ? '找：保洁' : `找：保洁（第${page}页）`);
      r.cards!.forEach((c, k) => {
        expect(c.n).toBe(k + 1);
        expect(seen.has(c.postingId)).toBe(false);
        seen.add(c.postingId);
      });
      if (!ids(r).includes('4')) break;
      [r] = await kit.say('p1', '4');
    }
    expect(r.cards!.length).toBeGreaterThan(0);
    // Past the last page: 4 is no longer an action.
    expect((await kit.say('p1', '4'))[0].text).toBe(T.noMore);
  });

  it('a digit opens the job, 1 signs up, 2 goes back to the same page', async () => {
    const [list] = await kit.say('p2', '保安');
    const [job] = await kit.say('p2', '2');
    const p = posting(list.cards![1].postingId);
    expect(job.text).toContain(p.title.slice(0, 6));
    expect(ids(job)).toEqual(['1', '2']);
    const [back] = await kit.say('p2', '2');
    expect(back.cards!.map((c) => c.postingId)).toEqual(list.cards!.map((c) => c.postingId));
    await kit.say('p2', '2');
    const [ok] = await kit.say('p2', '1');
    expect(ok.text).toContain('✅已报名');
    const w = await kit.t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address: 'p2' } } });
    expect((await kit.t.db.interest.findFirstOrThrow({ where: { workerId: w.workerId } })).postingId).toBe(p.id);
  });

  it('a posting whose place is no gazetteer name is shown by its own words, not a namesake far away', async () => {
    const row = [...Array(2000).keys()].map((i) => kit.jobs.posting(i)).find((p) => p?.location === '惠南高新园')!;
    expect(row).toBeDefined();
    expect(row.city ?? '').not.toBe('湛江市');
    // Its card, whether or not a search below reaches it.
    const direct = jobCard(
      row,
      kit.jobs.features(row.id),
      { postingId: String(row.id), score: 0, reasons: [], fit: 'match', trade: null, homeKm: null },
      1,
      kit.jobs.matcher.gazetteer,
    );
    expect(direct.place).not.toBe('');
    expect(direct.place).not.toContain('湛江');
    const { replies } = await kit.script('p3', ['零工 日结', '别的', '别的', '别的']);
    const card = replies
      .flat()
      .flatMap((r) => r.cards ?? [])
      .find((c) => c.postingId === row.id);
    if (card) expect(card.place).not.toContain('湛江');
  });
});

describe('buttons and digits keep one meaning', () => {
  it('a tap from an older message is answered politely and changes nothing', async () => {
    const [list] = await kit.say('b1', '焊工');
    const old = list.menu!;
    const [next] = await kit.say('b1', '4', { menu: old });
    expect(next.menu).toBe(old + 1);
    const [stale] = await kit.say('b1', '1', { menu: old });
    expect(stale.text).toBe(T.staleButton);
    expect(stale.choices).toBeUndefined();
    // The current buttons still work, and mean what they said.
    const [job] = await kit.say('b1', '1', { menu: next.menu });
    expect(job.text).toContain(posting(next.cards![0].postingId).title.slice(0, 6));
  });

  it('the fair card offers 报名提醒 until signed up, then says 已报名', async () => {
    const [card] = await kit.say('b2', '招聘会');
    expect(ids(card)).toContain('1');
    await kit.say('b2', '1');
    const [again] = await kit.say('b2', '招聘会');
    expect(again.text).toContain('✅已报名');
    expect(ids(again)).not.toContain('1');
    expect((await kit.say('b2', '1'))[0].text).toBe(T.fairAlready);
  });

  it('a location sent with words handles both', async () => {
    const [saved, list] = await kit.say('b3', '保洁', { location: { lat: 26.05, lng: 106.6 } });
    expect(saved.text).toMatch(/^记住了，你家在.+。$/);
    expect(head(list)).toBe('找：保洁');
    expect(list.cards![0].place).toMatch(/公里|家附近/);
  });
});

describe('questions about the fair, from its own data', () => {
  it('什么时候 / 在哪 / 有车吗 / 要带什么', async () => {
    const fair = await kit.t.db.jobFair.findFirstOrThrow({ include: { buses: true } });
    const { replies } = await kit.script('q1', ['招聘会什么时候', '在哪', '有车吗', '要带什么']);
    const [[when], [where], [bus], [bring]] = replies;
    expect(when.text).toContain('12月15日(周二)9点');
    expect(where.text).toContain(fair.venue.replace(/[（(].*?[）)]/g, '').slice(0, 8));
    for (const b of fair.buses) expect(bus.text).toContain(b.place.replace(/镇$/, ''));
    expect(bring.text).toContain('身份证');
  });

  it('a fair question from someone with no fair on the screen', async () => {
    const [r] = await kit.say('q2', '招聘会在哪里');
    expect(r.text).toMatch(/^📍地点：/);
  });
});

describe('programme questions, from the answers staff keep', () => {
  it('answers subsidies, training, stations and unpaid wages in one short reply each', async () => {
    const { replies } = await kit.script('k1', ['交通补贴怎么领', '培训怎么报名', '劳务协作站在哪', '老板不给工资怎么办']);
    const [[fare], [training], [station], [wages]] = replies;
    expect(fare.text).toContain('交通');
    expect(training.text).toContain('报名');
    expect(station.text).toContain('劳务协作站');
    expect(wages.text).toMatch(/欠工资|讨/);
    for (const r of replies.flat()) expect(readingLength(r.text)).toBeLessThanOrEqual(50);
  });

  it('a trade named plainly stays a search', async () => {
    const [r] = await kit.say('k2', '焊工 广州');
    expect(head(r)).toBe('找：电焊工·广州');
  });
});

describe('a person when the bot cannot help', () => {
  const handoverOf = async (address: string) => {
    const identity = await kit.t.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'web', address } } });
    return kit.t.db.handover.findFirst({ where: { identityId: identity.id } });
  };

  it('"人工" passes the conversation to staff and says when they will answer', async () => {
    const [r] = await kit.say('h1', '人工');
    expect(r.text).toBe(T.handedOver('1小时内'));
    expect(await handoverOf('h1')).toMatchObject({ status: 'open', reason: 'asked', channel: 'web', address: 'h1' });
  });

  it('two misunderstandings in a row offer a person; yes hands over, and the worker is not asked again', async () => {
    const { replies } = await kit.script('h2', ['阿巴阿巴', '呜呜呜', '1', '哈哈哈']);
    expect(replies[0][0].text).toBe(T.notUnderstood);
    expect(replies[1][0].text).toBe(T.offerHuman);
    expect(ids(replies[1][0])).toEqual(['1', '2']);
    expect(replies[2][0].text).toBe(T.handedOver('1小时内'));
    expect(await handoverOf('h2')).toMatchObject({ status: 'open', reason: 'not_understood' });
    expect(replies[3][0].text).toBe(T.waitingStaff);
  });

  it('no thanks goes back to the trades; one understood message in between resets the count', async () => {
    const { replies } = await kit.script('h3', ['阿巴阿巴', '保洁', '呜呜呜', '哈哈哈', '2']);
    expect(replies[2][0].text).toBe(T.notUnderstood);
    expect(replies[3][0].text).toBe(T.offerHuman);
    expect(replies[4][0].text).toBe(T.humanDeclined);
    expect(await handoverOf('h3')).toBeNull();
  });

  it('outside staff hours the worker hears when someone will answer', async () => {
    kit.clock.set('2026-12-01T12:00:00Z'); // 20:00 in 惠水
    try {
      expect((await kit.say('h4', '找人'))[0].text).toBe(T.handedOver('明天9点后'));
    } finally {
      kit.clock.set('2026-12-01T02:00:00Z');
    }
  });
});

describe('a fair question said in one go', () => {
  it('招聘会在哪 answers where, not the whole card', async () => {
    const [r] = await kit.say('q3', '招聘会在哪');
    expect(r.text).toMatch(/^📍地点：惠水县人力资源市场$/);
  });
});
