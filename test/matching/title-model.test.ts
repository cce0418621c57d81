// The title model: loads from the shipped JSON, reads messy titles of our own, keeps its
// held-out aliases out of training, and fills in a posting's occupation when the lexicon cannot.
import { beforeAll, describe, expect, it } from 'vitest';
import { postingFeatures } from '../../matching/features.ts';
import { Gazetteer } from '../../matching/geo.ts';
import { TradeLexicon } from '../../matching/parse/occupation.ts';
import { postingOccupation } from '../../matching/parse/posting-occupation.ts';
import { cleanTitle } from '../../matching/parse/title-features.ts';
import { TitleModel } from '../../matching/parse/title-model.ts';
import { HELD_OUT_SHARE, readOccupations, titleSplit } from '../../scripts/title-split.ts';

let model: TitleModel;
let lex: TradeLexicon;
beforeAll(() => {
  model = TitleModel.load();
  lex = TradeLexicon.load();
});

describe('title cleaning', () => {
  it.each([
    ['急招普工/包吃住', ['普工']],
    ['搬运装卸（日结）', ['搬运装卸']],
    ['电焊师傅 8000-12000元/月', ['电焊']],
    ['【急聘】B2货车司机', ['B2货车司机']],
    ['CNC数控车床操作工学徒', ['CNC数控车床操作工']],
    ['（日结）', ['(日结)']],
  ])('%s → %j', (title, segments) => {
    expect(cleanTitle(title)).toEqual(segments);
  });
});

describe('title model', () => {
  it('loads from the shipped JSON and knows every occupation', () => {
    expect(model.occupations.length).toBeGreaterThan(1600);
    const [first] = model.predict('焊工', 1);
    expect(first.p).toBeGreaterThan(0);
    expect(first.p).toBeLessThanOrEqual(1);
  });

  it.each([
    ['电焊师傅 8000-12000元/月', '6-18-02-04'],
    ['搬运装卸（日结）', '4-02-05-01'],
    ['汽修学徒 包吃住', '4-12-01-01'],
    ['服装厂车位熟手', '6-05-01-03'],
    ['餐厅洗碗阿姨', '4-03-02-05'],
    ['小区保洁阿姨', '4-09-08-01'],
    ['锅炉操作（长白班）', '6-28-01-11'],
  ])('reads %s as %s', (title, code) => {
    expect(model.predict(title, 1)[0].code).toBe(code);
  });

  it.each([
    ['CNC数控车床操作工学徒', '6-18-01-01'],
    ['酒店后厨帮工', '4-03-02-05'],
  ])('has %s among its first three guesses', (title, code) => {
    expect(model.predict(title, 3).map((p) => p.code)).toContain(code);
  });

  it('gives nothing for a title with no known feature', () => {
    expect(model.predict('😀😀', 3)).toEqual([]);
  });
});

describe('held-out protocol', () => {
  const rows = readOccupations();
  const split = titleSplit(rows);

  it('holds out 10–15% of the aliases, the same ones every time', () => {
    const all = rows.reduce((n, r) => n + r.aliases.length, 0);
    expect(split.heldOut.length / all).toBeGreaterThan(0.1);
    expect(split.heldOut.length / all).toBeLessThanOrEqual(HELD_OUT_SHARE);
    expect(titleSplit(rows).heldOut).toEqual(split.heldOut);
  });

  it('is disjoint from training, and every occupation with aliases keeps one', () => {
    const training = new Set([...split.training.values()].flat());
    for (const h of split.heldOut) expect(training.has(h.alias)).toBe(false);
    for (const r of rows) if (r.aliases.length) expect(split.training.get(r.code)?.length ?? 0).toBeGreaterThan(0);
    const from = new Map(rows.map((r) => [r.code, r.aliases.length]));
    for (const h of split.heldOut) expect(from.get(h.code)).toBeGreaterThanOrEqual(2);
  });
});

describe('posting understanding with the title model', () => {
  const posting = { id: 't1', employer: '惠水某厂', title: '锅炉操作（长白班）', description: '负责厂区锅炉日常运行', location: '惠水县' };

  it('gives a code to a title the lexicon cannot read', () => {
    expect(lex.rank(posting.title, posting.description)).toEqual([]);
    expect(postingFeatures(posting, Gazetteer.load(), lex, null).occupation).toBeNull();
    expect(postingFeatures(posting, Gazetteer.load(), lex, model).occupation?.code).toBe('6-28-01-11');
  });

  it("keeps the lexicon's confident answer", () => {
    // 车工 is the lexicon's word for a garment machinist here (服装厂车工), not a lathe operator.
    const title = '电子厂普工';
    expect(postingOccupation(lex, model, title)?.code).toBe(lex.classify(title)?.code);
    expect(postingOccupation(lex, model, '搬运工')?.code).toBe('4-02-05-01');
  });
});
