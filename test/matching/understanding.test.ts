// How the matcher reads the kinds of things workers say that a trade lexicon alone gets wrong:
// what they rule out, numbers that are not pay, English and pinyin, circumstances, sound guesses,
// and what to show when nothing fits. Every example here is written for this test, not taken
// from an evaluation set; the postings are made up to make each case tell.
import { beforeAll, describe, expect, it } from 'vitest';
import { Matcher } from '../../matching/index.ts';
import type { QueryIntent, RawPosting } from '../../matching/types.ts';

const P = (id: string, title: string, location: string, wage: string, extra: Partial<RawPosting> = {}): RawPosting => ({
  id,
  employer: `${location}某公司`,
  title,
  location,
  wage_text: wage,
  description: extra.description ?? title,
  ...extra,
});

const POSTINGS: RawPosting[] = [
  P('guard-gz-night', '小区保安', '广州市海珠区', '5000-6000/月', { description: '小区保安，两班倒，有夜班', requirements: '18-50岁' }),
  P('guard-hs-day', '学校门卫', '惠水县涟江街道', '2600-3000/月', { description: '学校门卫，白班', requirements: '60岁以下' }),
  P('guard-gy', '商场保安', '贵阳市南明区', '3800-4500/月', { description: '商场保安，白班，包住', requirements: '55岁以下' }),
  P('nanny-live-in', '住家保姆', '广州市荔湾区', '6000-7500/月', { description: '住家保姆，照顾一家三口' }),
  P('cleaner-hourly', '钟点工', '惠水县涟江街道', '25元/小时', { description: '钟点工，按小时算，时间自由', type: 'gig' }),
  P('sewing-piece', '车位', '广州市白云区', '计件7000-10000', { description: '车位，计件，包吃住' }),
  P('sewing-fixed', '缝纫工', '惠水县明田街道', '3500-4000/月', { description: '缝纫工，固定工资，坐着做' }),
  P('porter', '搬运工', '惠水县涟江街道', '200元/天', { description: '搬运工，扛包卸货', type: 'gig' }),
  P('packer-seated', '包装工', '惠水县涟江街道', '2800-3200/月', { description: '包装工，坐着做，轻松' }),
  P('clerk', '仓库文员', '惠水县涟江街道', '3000-3500/月', { description: '仓库文员，会电脑，高中以上' }),
  P('welder-hz', '电焊工', '惠州市惠阳区', '8000-10000/月', { description: '电焊工，包吃住', requirements: '20-45岁' }),
  P('welder-hs', '焊工', '惠水县涟江街道', '5000-6500/月', { description: '焊工，长白班' }),
  P('cook-gz', '厨师', '广州市荔湾区', '7000-9000/月', { description: '酒楼厨师，包吃住' }),
  P('dish-gz', '洗碗工', '广州市荔湾区', '4200-4800/月', { description: '洗碗工，包吃住' }),
  P('factory-hz', '电子厂普工', '惠州市惠阳区', '5000-6500/月', { description: '电子厂普工，长白班，包吃住', requirements: '18-45岁' }),
  P('welfare-hs', '公益性岗位保洁', '惠水县涟江街道', '1800/月', { description: '公益岗保洁', type: 'public_welfare' }),
  P('cleaner-hs', '保洁员', '惠水县涟江街道', '2200-2600/月', { description: '保洁员，白班' }),
  P('training-cook', '粤菜师傅培训班', '惠水县涟江街道', '结业就业5000-8000', { description: '粤菜师傅免费培训', type: 'training' }),
  P('driver-hs', '货车司机', '惠水县涟江街道', '6000-7500/月', { description: '货车司机，B2驾照', requirements: '25-50岁' }),
];

let m: Matcher;
beforeAll(async () => {
  m = await Matcher.fromPostings(POSTINGS, { embedder: null });
});

const understand = (text: string, home: string | null = null): QueryIntent => m.understand({ text, home });
const ids = async (text: string, home: string | null = null, top = 10) => (await m.search({ text, home }, { top })).map((r) => r.postingId);

describe('what a worker rules out', () => {
  it('a place, after 不去/不想去, is excluded and not read as a wish', async () => {
    const i = understand('不想去广东 保安');
    expect(i.exclude.places.map((p) => p.name)).toEqual(['广东省']);
    expect(i.place.kind).toBe('any');
    expect(await ids('不想去广东 保安')).toEqual(expect.not.arrayContaining(['guard-gz-night']));
    expect(await ids('不想去广东 保安')).toEqual(expect.arrayContaining(['guard-hs-day', 'guard-gy']));
  });

  it('a shift: 不上夜班 excludes night and rotating shifts', async () => {
    expect(understand('保安 不上夜班').exclude.nightShift).toBe(true);
    expect(await ids('保安 不上夜班')).not.toContain('guard-gz-night');
  });

  it('living in: 不要住家的保姆 rules out living in, not domestic work', () => {
    const i = understand('保姆 不要住家的');
    expect(i.exclude.liveIn).toBe(true);
    expect(i.exclude.trades).toEqual([]);
    expect(i.trades.map((t) => t.code)).toContain('4-10-01-06');
  });

  it('pay type: 不要计件 excludes piece rate', async () => {
    const found = await ids('缝纫 不要计件');
    expect(found).toContain('sewing-fixed');
    expect(found).not.toContain('sewing-piece');
  });

  it('a job type: 不要公益岗', async () => {
    const found = await ids('保洁 不要公益岗 惠水');
    expect(found).toContain('cleaner-hs');
    expect(found).not.toContain('welfare-hs');
  });

  it('a trade, put after the words: 搬运的活不干', async () => {
    const i = understand('搬运的活不干 惠水有啥');
    expect(i.exclude.trades).toContain('4-02-05-01');
    expect(await ids('搬运的活不干 惠水有啥')).not.toContain('porter');
  });

  it('a negation ends at the next thought, even without a pause (voice)', () => {
    const i = understand('我就是晚上不想上班白天可以在惠州那边找个电子厂');
    expect(i.exclude.nightShift).toBe(true);
    expect(i.exclude.places).toEqual([]);
    expect(i.place.kind === 'region' && i.place.places[0].name).toBe('惠州市');
  });

  it('别的 and 莫得 are not negations', () => {
    expect(understand('别的活也行 保洁').exclude.trades).toEqual([]);
    expect(understand('莫得文化 保洁').exclude.trades).toEqual([]);
  });
});

describe('numbers: pay only with a pay cue, ages against age limits', () => {
  it.each([
    ['五十多岁了 想找保安', 51],
    ['今年四十五 焊工', 45],
    ['快60了 还能做保洁不', 59],
    ['我52岁', 52],
    ['I am 48, security guard', 48],
  ])('%s → age %i, no wage floor', (text, age) => {
    const i = understand(text);
    expect(i.age).toBe(age);
    expect(i.wageFloor).toBeNull();
  });

  it('an age filters on the postings’ age limits, and empties nothing else', async () => {
    const found = await ids('五十二岁 保安');
    expect(found).toEqual(expect.arrayContaining(['guard-hs-day', 'guard-gy']));
    expect(found).not.toContain('guard-gz-night'); // 18-50岁
  });

  it.each([
    ['开了八年货车 B2', null],
    ['12小时两班倒的不要', null],
    ['焊工 广州 6000', 6000],
    ['一天两百五以上', 6500],
    ['每小时20块以上', 4160],
    ['十八块一个钟也行', 3744],
    ['月薪过万', 10000],
    ['七八千', 7000],
  ])('%s → wage floor %s', (text, floor) => {
    expect(understand(text).wageFloor).toBe(floor);
  });

  it('pay by the hour asks for hourly work', async () => {
    const i = understand('按小时的 25块一个钟 惠水');
    expect(i.payUnit).toBe('hour');
    expect(i.type).toBe('gig');
    expect((await ids('按小时的 20块一个钟 惠水'))[0]).toBe('cleaner-hourly');
  });
});

describe('English, pinyin and mixed', () => {
  it.each([
    ['welder', '6-18-02-04'],
    ['cook', '4-03-02-01'],
    ['cleaner', '4-09-08-01'],
    ['security guard', '4-07-05-01'],
    ['truck driver', '4-02-02-02'],
    ['dishwasher', '4-03-02-05'],
    ['hangong', '6-18-02-04'],
    ['chushi', '4-03-02-01'],
  ])('%s → %s, named (not guessed)', (text, code) => {
    const t = understand(text).trades.find((x) => x.code === code);
    expect(t).toBeDefined();
    expect(t!.guessed).toBe(false);
  });

  it('types, pay and places in English and pinyin', () => {
    expect(understand('part time cleaner').type).toBe('gig');
    expect(understand('daily pay').type).toBe('gig');
    expect(understand('full time').type).toBe('fulltime');
    const mixed = understand('welder 8000+ Huizhou baochizhu');
    expect(mixed.wageFloor).toBe(8000);
    expect(mixed.boardAndLodging).toBe(true);
    expect(mixed.place.kind === 'region' && mixed.place.places[0].name).toBe('惠州市');
    expect(understand('factory work no night shift').exclude.nightShift).toBe(true);
  });

  it('a licence next to a digit stays a licence (B2, C1), not a word or a wage', () => {
    const i = understand('c1 驾照 开车');
    expect(i.wageFloor).toBeNull();
    expect(i.trades.map((t) => t.code)).toEqual(expect.arrayContaining(['4-02-02-01', '4-02-02-02']));
  });
});

describe('a place typed with a wrong character of the same sound', () => {
  it('is the place when the word stands alone (贵洋, 去深振, 会水县)', () => {
    const names = (text: string) => {
      const p = understand(text).place;
      return p.kind === 'region' ? p.places.map((x) => x.name) : [];
    };
    expect(names('保安 贵洋')).toEqual(['贵阳市']);
    expect(names('想去深振 电子厂')).toEqual([]); // inside running text: left alone
    expect(names('去深振 电子厂')).toEqual(['深圳市']);
    expect(names('会水县 保洁')).toEqual(['惠水县']);
  });

  it('but words stay words, and far-away counties are not guessed (卤水, 自己)', () => {
    expect(understand('卤水 师傅').place.kind).toBe('any');
    expect(understand('自己 干').place.kind).toBe('any');
  });
});

describe('what widens a search', () => {
  it('a place the worker would also go to is no restriction (贵阳也行, 广州也去得)', () => {
    expect(understand('保安 贵阳也行').place.kind).toBe('any');
    expect(understand('打工 广州那边也去得').place.kind).toBe('any');
    expect(understand('保安 贵阳').place.kind).toBe('region');
  });

  it('learning a trade is training, a school is a workplace (学烧电焊, 考个证; 学校门卫)', () => {
    expect(understand('想学烧电焊').type).toBe('training');
    expect(understand('货车 考个驾驶证').type).toBe('training');
    expect(understand('学校门卫').type).toBeNull();
  });
});

describe('circumstances become constraints, not trades', () => {
  it('caring for one’s own child: near home and flexible, not a nanny job', () => {
    const i = understand('家里娃娃还小 要接送 只能做半天', '涟江街道');
    expect(i.trades).toEqual([]);
    expect(i.needs.flexible).toBe(true);
    expect(i.place.kind).toBe('near');
    expect(i.exclude.nightShift).toBe(true);
  });

  it('but 带娃的活 asked as a job is the trade', () => {
    expect(understand('想找带娃的活').trades.map((t) => t.code)).toContain('4-10-01-03');
  });

  it('light or seated work: heavy work is gone, seated work comes first', async () => {
    const found = await ids('腰不好 站不久 惠水有啥活', null, 20);
    expect(found).not.toContain('porter');
    expect(['packer-seated', 'sewing-fixed']).toContain(found[0]);
  });

  it('reading little: no job that needs reading or a computer', async () => {
    const found = await ids('字认不到几个 惠水的活', null, 20);
    expect(understand('字认不到几个').needs.noLiteracy).toBe(true);
    expect(found).not.toContain('clerk');
    expect(found.length).toBeGreaterThan(3);
  });

  it('固定工资 rules out piece rate; 包吃住 lifts board and lodging; 每天回家 keeps it near', async () => {
    expect(understand('要固定工资的').exclude.pieceRate).toBe(true);
    expect(understand('有没有包吃住的').boardAndLodging).toBe(true);
    const daily = understand('每天要回家 服务员', '涟江街道');
    expect(daily.place.kind).toBe('near');
    expect(daily.exclude.liveIn).toBe(true);
  });
});

describe('guesses stay guesses', () => {
  it('a trade heard by sound lifts its postings but filters nothing, and is not 对口', async () => {
    const heard = understand('保吉');
    expect(heard.trades[0]).toMatchObject({ code: '4-09-08-01', guessed: true });
    const found = await m.search({ text: '保吉 惠水' }, { top: 10 });
    expect(found[0].fit).toBe('guess');
    expect(found[0].reasons[0]).not.toMatch(/对口/);
    expect(found.length).toBeGreaterThan(2); // the rest of 惠水 is still there, below
    // ...and labelled as what it is: other work in 惠水, the trade let go.
    for (const r of found.filter((r) => m.featuresOf(r.postingId)?.occupation?.code !== '4-09-08-01')) expect(r).toMatchObject({ fit: 'nearest', relaxed: ['trade'] });
  });

  it('a guessed trade with no posting where asked: every result is an alternative, none a match', async () => {
    const found = await m.search({ text: '汗工 贵阳' }, { top: 10 });
    expect(found.length).toBeGreaterThan(0); // the guard in 贵阳
    for (const r of found) expect(r).toMatchObject({ fit: 'nearest', relaxed: ['trade'] });
  });

  it('another type than the one asked for is an alternative, after those of the type', async () => {
    const found = await m.search({ text: '惠水 日结' }, { top: 10 });
    const fits = found.map((r) => [m.featuresOf(r.postingId)?.type, r.fit]);
    expect(fits[0]).toEqual(['gig', 'match']);
    expect(fits).toContainEqual(['fulltime', 'nearest']);
    const firstOther = fits.findIndex(([, fit]) => fit === 'nearest');
    expect(fits.slice(firstOther).every(([, fit]) => fit === 'nearest')).toBe(true);
    expect(found.find((r) => r.fit === 'nearest')?.relaxed).toEqual(['type']);
  });

  it('a generic word does not hide a specific trade misheard beside it: both become guesses', () => {
    const i = understand('钢进工 点工 一天三百');
    expect(i.trades.find((t) => t.code === '6-29-01-04')).toMatchObject({ term: '钢筋工', guessed: true });
    expect(i.trades.every((t) => t.guessed)).toBe(true);
    // With a specific trade named plainly, no sound search: 点工 stays a named (filtering) trade.
    expect(understand('砌砖 点工').trades.every((t) => !t.guessed)).toBe(true);
  });

  it('a trade named in words filters, and is 对口', async () => {
    const found = await m.search({ text: '保洁 惠水' }, { top: 10 });
    expect(found.every((r) => m.featuresOf(r.postingId)?.occupation?.code === '4-09-08-01')).toBe(true);
    expect(found[0].reasons[0]).toMatch(/对口$/);
  });

  it('with no trade named, no result is called 对口 or 相近', async () => {
    for (const r of await m.search({ text: '惠水 3000以上' }, { top: 10 })) expect(r.reasons[0]).not.toMatch(/对口|相近/);
  });
});

describe('when nothing fits', () => {
  it('says what was let go: the place first for a trade that exists elsewhere', async () => {
    const found = await m.search({ text: '焊工 贵阳' }, { top: 3, nearest: true });
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((r) => r.fit === 'nearest' && r.relaxed?.includes('place'))).toBe(true);
    expect(found.map((r) => r.postingId)).toEqual(expect.arrayContaining(['welder-hz', 'welder-hs']));
  });

  it('a trade nobody posts: other work, never called 对口 or 相近', async () => {
    const found = await m.search({ text: '美发 惠水' }, { top: 3, nearest: true });
    expect(found.length).toBe(3);
    for (const r of found) {
      expect(r.fit).toBe('nearest');
      expect(r.relaxed).toContain('trade');
      expect(r.reasons[0]).not.toMatch(/对口|相近/);
    }
  });

  it('never lets go of what the worker ruled out', async () => {
    const found = await m.search({ text: '保安 不上夜班 广东' }, { top: 10, nearest: true });
    expect(found.map((r) => r.postingId)).not.toContain('guard-gz-night');
  });

  it('without `nearest`, a search shows only what fits', async () => {
    expect(await m.search({ text: '美发 惠水' }, { top: 3 })).toEqual([]);
  });
});
