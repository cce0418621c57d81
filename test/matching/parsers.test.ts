// The parsers against the judges' normalised fields of postings_gold.jsonl, and against the
// phrases workers actually type.
import { beforeAll, describe, expect, it } from 'vitest';
import { postingFeatures } from '../../matching/features.ts';
import { Gazetteer } from '../../matching/geo.ts';
import { readNumber } from '../../matching/parse/numbers.ts';
import { TradeLexicon } from '../../matching/parse/occupation.ts';
import { resolvePlace } from '../../matching/parse/place.ts';
import { parseQuery } from '../../matching/parse/query.ts';
import { TitleModel } from '../../matching/parse/title-model.ts';
import { parseWage, parseWageFloor } from '../../matching/parse/wage.ts';
import { readFixture } from '../support/dev-eval.ts';

interface Gold {
  id: string;
  employer: string;
  title: string;
  description: string;
  location: string;
  wage_text: string;
  type: string;
  occupation: string;
  city: string | null;
  county: string | null;
  province: string;
  monthly_min: number | null;
  monthly_max: number | null;
  wage_unit: string;
}

let gaz: Gazetteer;
let lex: TradeLexicon;
let gold: Gold[];
beforeAll(() => {
  gaz = Gazetteer.load();
  lex = TradeLexicon.load();
  gold = readFixture<Gold>('postings_gold.jsonl');
});

describe('posting understanding on the judged postings', () => {
  it('finds the judged occupation for at least 95% of postings', () => {
    const hits = gold.filter((g) => lex.classify(g.title, g.description)?.code === g.occupation).length;
    expect(hits / gold.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reads the judged monthly wage range for at least 97% of postings', () => {
    const hits = gold.filter((g) => {
      const w = parseWage(g.wage_text);
      return w?.monthlyMin === g.monthly_min && w?.monthlyMax === g.monthly_max;
    }).length;
    expect(hits / gold.length).toBeGreaterThanOrEqual(0.97);
  });

  it('places at least 97% of postings in the judged city and 95% in the judged county', () => {
    const places = gold.map((g) => resolvePlace(gaz, g.location));
    const city = gold.filter((g, i) => g.city && places[i]?.city === g.city).length;
    const withCounty = gold.filter((g) => g.county);
    const county = withCounty.filter((g) => places[gold.indexOf(g)]?.county === g.county).length;
    expect(city / gold.filter((g) => g.city).length).toBeGreaterThanOrEqual(0.97);
    expect(county / withCounty.length).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps the declared job type', () => {
    const titles = TitleModel.load();
    for (const g of gold.slice(0, 50)) expect(postingFeatures(g, gaz, lex, titles).type).toBe(g.type);
  });
});

describe('wages', () => {
  it.each([
    ['5500-7000/月', 'month', 5500, 7000],
    ['日结250', 'day', 6500, 6500],
    ['按斤计，一天100-180', 'day', 2600, 4680],
    ['150元/晚', 'day', 3900, 3900],
    ['22元/小时', 'hour', 22 * 8 * 26, 22 * 8 * 26],
    ['计件5000-8000', 'piece', 5000, 8000],
    ['月薪五千到六千', 'month', 5000, 6000],
    ['5000-7000/单(26天)', 'month', 5000, 7000],
  ])('%s', (text, unit, lo, hi) => {
    const w = parseWage(text)!;
    expect([w.unit, w.monthlyMin, w.monthlyMax]).toEqual([unit, lo, hi]);
  });

  it('returns null where no wage is stated', () => {
    expect(parseWage('面议')).toBeNull();
    expect(parseWage('')).toBeNull();
  });

  it.each([
    ['五千五 电子厂', 5500],
    ['汗工 广州 一万以上', 10000],
    ['叉车 5k以上', 5000],
    ['一天两百以上的活', 5200],
    ['不低于四千', 4000],
    ['贵阳跑货车 七八千', 7000],
    ['架子工 一天四百以上', 10400],
    ['月嫂 一万二', 12000],
    ['保安 4千以上', 4000],
  ])('worker floor: %s → %i', (text, floor) => {
    expect(parseWageFloor(text)).toBe(floor);
  });

  it('ignores what is not a wage or cannot be meant', () => {
    expect(parseWageFloor('货车司机 B2')).toBeNull();
    expect(parseWageFloor('一天十万')).toBeNull();
    expect(parseWageFloor('我今年35岁')).toBeNull();
  });

  it('reads Chinese numerals', () => {
    expect(readNumber('五千五')).toEqual([5500, 5500]);
    expect(readNumber('一万二')).toEqual([12000, 12000]);
    expect(readNumber('两百')).toEqual([200, 200]);
    expect(readNumber('七八千')).toEqual([7000, 8000]);
    expect(readNumber('1.2万')).toEqual([12000, 12000]);
  });
});

describe('what workers type', () => {
  const tradesOf = (text: string, home: string | null = null) => parseQuery(text, gaz.homeTown(home), gaz, lex).trades.map((t) => t.code);

  it.each([
    ['焊工', '6-18-02-04'],
    ['会烧电焊', '6-18-02-04'],
    ['汗工', '6-18-02-04'],
    ['hangong', '6-18-02-04'],
    ['dianhan huizhou', '6-18-02-04'],
    ['保吉 县城里头的', '4-09-08-01'],
    ['baojie guangzhou', '4-09-08-01'],
    ['家正', '4-10-01-06'],
    ['带娃做饭的活', '4-10-01-03'],
    ['去惠州进厂打螺丝', '6-25-04-07'],
    ['扎钢筋 有活路没得', '6-29-01-04'],
    ['次绣', '6-09-03-11'],
    ['超市收音', '4-01-02-04'],
  ])('%s → %s', (text, code) => {
    expect(tradesOf(text)).toContain(code);
  });

  it('takes a cut-short final for a typo, never a changed vowel', () => {
    expect(tradesOf('保吉')).toContain('4-09-08-01'); // ji for jie
    expect(tradesOf('修车')).not.toContain('4-02-05-01'); // xiu che is not 卸车 xie che
    expect(tradesOf('修车')).toContain('4-12-01-01');
    expect(tradesOf('开大货车')).toEqual(['4-02-02-02']); // not 打灰 (da hui)
    expect(tradesOf('修剪果树')).not.toContain('6-09-03-11'); // not 绣娘
  });

  it('does not invent a trade from filler', () => {
    expect(tradesOf('你好 请问有没有')).toEqual([]);
  });

  it('understands place wishes', () => {
    const wish = (text: string, home: string | null = '好花红镇') => parseQuery(text, gaz.homeTown(home), gaz, lex).place;
    const g = wish('焊工 去广州');
    expect(g.kind === 'region' && g.places[0].name).toBe('广州市');
    const gd = wish('广东哪里都行');
    expect(gd.kind === 'region' && gd.places[0].name).toBe('广东省');
    const near = wish('离家近的保洁');
    expect(near.kind === 'near' && near.center.name).toBe('好花红镇');
    const county = wish('就在惠水');
    expect(county.kind === 'region' && county.places[0].name).toBe('惠水县');
    const town = wish('在好花红附近采茶');
    expect(town.kind === 'near' && town.center.name).toBe('好花红镇');
    const stay = wish('不想出省 找个保洁');
    expect(stay.kind === 'region' && stay.places[0].name).toBe('贵州省');
    const latin = wish('kuaidi longli');
    expect(latin.kind === 'region' && latin.places[0].name).toBe('龙里县');
  });

  it('understands job types', () => {
    const type = (t: string) => parseQuery(t, null, gaz, lex).type;
    expect(type('县城干小工 日结的')).toBe('gig');
    expect(type('想学电焊')).toBe('training');
    expect(type('有没有拿回家做的手工活')).toBe('homework');
    expect(type('村里的公益岗还有没得')).toBe('public_welfare');
    expect(type('焊工')).toBeNull();
  });

  it('resolves a lone township to the one in the home county', () => {
    expect(resolvePlace(gaz, '芦山镇')?.county).toBe('惠水县');
    expect(resolvePlace(gaz, '贵阳白云区')?.city).toBe('贵阳市');
    expect(resolvePlace(gaz, '广州白云区')?.city).toBe('广州市');
  });
});
