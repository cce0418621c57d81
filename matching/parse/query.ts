// What a worker's short, often misspelt message asks for: trades, place, wage floor, job type.
import { distanceKm, type Gazetteer } from '../geo.ts';
import type { Place, PlaceWish, QueryIntent } from '../types.ts';
import { queryJobType } from './jobtype.ts';
import type { TermHit, TradeLexicon } from './occupation.ts';
import { readExclusions } from './exclusions.ts';
import { readNeeds } from './needs.ts';
import { findPlaceMentions } from './place.ts';
import { readQuantities } from './quantities.ts';
import { Translator } from './translate.ts';

/** Radii for "near" wishes, in km. */
export const NEAR_HOME_KM = 15;
export const NEAR_PLACE_KM = 10;
export const COUNTY_TOWN_KM = 10;

// Filler that must not be read as a trade by sound (有没有 → youmeiyou is no trade, but 找个
// or 上班 could sound like one).
const FILLER =
  /你好|您好|请问|我想|我要|想要|想找|想去|想在|找个|找份|找工作|工作|有没有|有没得|没得|还有|有活|活路|招人|招的|在招|怎么|报名|可以|都行|都可以|哪里|那边|这边|一下|谢谢|以上|以下|左右|不低于|不少于|至少|最少|起码|包吃住|包吃包住|包住|包吃|的|了|吗|呢|啊|吧|嘛|我|会|能|在|去|做|干|有|找|要|个|点|也|行|和|跟/g;

// Words that carry a type or a place wish, not a trade.
const TYPE_AND_PLACE_WORDS =
  /日结|零工|临时|今天|明天|短工|周结|现结|公益岗?|拿回家|带回家|在家|居家|屋头|外发|手工活|想学|学做|培训|学徒|报名|离家|近点|附近|周边|县城|城里|村里|镇上|乡里|本地|外地|外省|出省|省内|不想|哪里|都行|活儿?|事做|岗位|老板|工资|钱|高|多|少|近|远/g;

const TRANSLATORS = new WeakMap<TradeLexicon, Translator>();

export function parseQuery(text: string, home: Place | null, gaz: Gazetteer, lex: TradeLexicon, translator?: Translator): QueryIntent {
  // One language first: English and pinyin become the Chinese words the parsers read.
  let t = translator ?? TRANSLATORS.get(lex);
  if (!t) {
    t = new Translator(lex.terms.keys(), gaz);
    TRANSLATORS.set(lex, t);
  }
  const clean = normaliseText(t.toChinese(normaliseText(text)));
  const covered = new Array(clean.length).fill(false);
  const cover = (spans: Iterable<[number, number]>) => {
    for (const [a, b] of spans) for (let i = a; i < b; i++) covered[i] = true;
  };
  // 2. What is ruled out, what the worker's life requires, and which numbers are pay or age:
  // read before trades and places so that 不去潮州 is no wish for 潮州, 带娃 at home no nanny job,
  // and 五十多岁 no wage.
  const ex = readExclusions(clean, gaz, lex);
  const needs = readNeeds(clean);
  const q = readQuantities(clean);
  cover(ex.spans);
  cover(needs.spans);
  cover(q.spans);
  const positive = [...clean].map((c, i) => (covered[i] ? ' ' : c)).join('');
  let type = queryJobType(positive);
  if (!type && q.payUnit === 'hour') type = 'gig'; // pay by the hour: 小时工
  if (type && ex.exclude.types.includes(type)) type = null;
  const intent: QueryIntent = {
    trades: [],
    place: { kind: 'any' },
    wageFloor: q.wageFloor,
    payUnit: q.payUnit,
    age: q.age,
    type,
    boardAndLodging: needs.boardAndLodging,
    exclude: {
      ...ex.exclude,
      nightShift: ex.exclude.nightShift || needs.dayShift,
      liveIn: ex.exclude.liveIn || needs.notLiveIn,
      pieceRate: ex.exclude.pieceRate || needs.fixedSalary,
    },
    needs: needs.needs,
    unexplained: '',
  };

  // 3. Places first (so 广州 is not read as a trade), then trade words, then sounds.
  const mentions = findPlaceMentions(gaz, positive).filter((m) => !covered.slice(m.at, m.at + m.text.length).some(Boolean));
  const placeAt = new Array(clean.length).fill(false);
  for (const m of mentions) for (let i = m.at; i < m.at + m.text.length; i++) placeAt[i] = true;
  const hits = lex.exactHits(positive).filter((h) => !placeAt.slice(h.at, h.end).some(Boolean) || h.term.length > 2);
  for (const h of hits) {
    addTrade(intent, h);
    for (let i = h.at; i < h.end; i++) covered[i] = true;
  }
  for (let i = 0; i < clean.length; i++) if (placeAt[i]) covered[i] = true;
  // Mark filler and numbers as explained too, then look for trades by sound in what is left.
  for (const m of clean.matchAll(FILLER)) for (let i = m.index!; i < m.index! + m[0].length; i++) covered[i] = true;
  for (const m of clean.matchAll(/[0-9零一二两三四五六七八九十百千万kK块元天月日]+/g)) {
    if (/[0-9零一二两三四五六七八九十百千万]/.test(m[0])) for (let i = m.index!; i < m.index! + m[0].length; i++) covered[i] = true;
  }
  for (const m of clean.matchAll(TYPE_AND_PLACE_WORDS)) for (let i = m.index!; i < m.index! + m[0].length; i++) covered[i] = true;
  // Sounds only when no specific trade was named: a generic word (点工, 手工 name several trades at
  // lower weight) does not outweigh a specific one misheard (钢进工 → 钢筋工). If one is heard, the
  // generic word's trades become guesses too, so the misheard trade is not filtered away.
  if (!intent.trades.some((t) => t.weight >= 0.9)) {
    let heard = 0;
    for (const run of uncoveredRuns(clean, covered)) {
      if (!/[\u4e00-\u9fff]{2}/.test(run.text)) continue;
      for (const h of lex.soundHits(run.text, run.at)) {
        addTrade(intent, h);
        heard++;
      }
    }
    if (heard) for (const t of intent.trades) t.guessed = true;
    // Latin words nothing could read: pinyin spelt a little off (baojei), by sound.
    for (const m of clean.matchAll(/[a-z]{4,}/g)) for (const h of lex.soundHits(m[0], m.index!)) addTrade(intent, h);
  }
  intent.trades = intent.trades.filter((t) => !intent.exclude.trades.includes(t.code));

  // "广东也去", "贵阳也行": a place the worker would also go to widens the search, it does not narrow it.
  const alsoFine = (m: { at: number; text: string }) => /^\s*(?:那边|那里|那些地方)?\s*(?:也|都)(?:去|行|可以|能去|愿意|没问题|成|得)/.test(positive.slice(m.at + m.text.length));
  intent.place = placeWish(
    positive,
    home,
    mentions.filter((m) => !alsoFine(m)).map((m) => gaz.preferred(m.candidates)),
    gaz,
    needs.nearHome || ex.stayHome,
    ex.stayInProvince,
  );
  intent.unexplained = uncoveredRuns(clean, covered)
    .map((r) => r.text)
    .join(' ');
  return intent;
}

function addTrade(intent: QueryIntent, h: TermHit) {
  // A word heard by sound or read off pinyin by distance is a guess, never a filter.
  const guessed = h.certainty < 1;
  for (const [code, w] of h.codes) {
    const weight = w * h.certainty;
    const old = intent.trades.find((t) => t.code === code);
    if (old) {
      if (weight > old.weight) Object.assign(old, { weight, term: h.term, guessed: guessed && old.guessed !== false });
    } else intent.trades.push({ code, weight, term: h.term, guessed });
  }
}

function uncoveredRuns(text: string, covered: boolean[]): { text: string; at: number }[] {
  const runs: { text: string; at: number }[] = [];
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const free = i < text.length && !covered[i] && /[\u4e00-\u9fff]/.test(text[i]);
    if (free && start < 0) start = i;
    if (!free && start >= 0) {
      runs.push({ text: text.slice(start, i), at: start });
      start = -1;
    }
  }
  return runs;
}

function placeWish(text: string, home: Place | null, named: Place[], gaz: Gazetteer, nearHome: boolean, inProvince: boolean): PlaceWish {
  const homeCounty = gaz.county(gaz.home.county);
  const center = home ?? homeCounty;
  // 好花红附近, 县城附近: near a named place.
  const near = /(附近|周边|旁边|一带)/.test(text);
  const places = named.filter((p) => !(home && p.level === 'town' && p.name === home.name && !near && !/(在|去|到)/.test(text)));
  if (inProvince || /省内|本省/.test(text)) {
    const prov = gaz.province(gaz.home.province);
    if (prov) return { kind: 'region', places: [prov] };
  }
  if (/县城|城里|城头|县里/.test(text) && !places.some((p) => p.level !== 'town' && p.county !== gaz.home.county)) {
    const seat = countySeat(gaz) ?? center;
    if (seat) return { kind: 'near', center: seat, km: COUNTY_TOWN_KM };
  }
  if (near && places.length) {
    const p = places.sort((a, b) => (b.level === 'town' ? 1 : 0) - (a.level === 'town' ? 1 : 0))[0];
    return { kind: 'near', center: p, km: NEAR_PLACE_KM };
  }
  if (places.length) return { kind: 'region', places: dedupe(places) };
  if ((nearHome || /离家近|近点|近一点|家附近|家门口|不想走远|不想出远门|本地|村里|镇上|乡里|附近|就近|在家附近/.test(text)) && center) {
    return { kind: 'near', center, km: NEAR_HOME_KM };
  }
  if (/外省|出省|外地|沿海/.test(text)) {
    const gd = gaz.province('广东省');
    if (gd) return { kind: 'region', places: [gd] };
  }
  return { kind: 'any' };
}

function countySeat(gaz: Gazetteer): Place | null {
  // The first street office of the home county is its seat (涟江街道 for 惠水县).
  const county = gaz.county(gaz.home.county);
  if (!county) return null;
  const towns = gaz.places.filter((p) => p.level === 'town' && p.county === county.county && /街道$/.test(p.name));
  return towns.sort((a, b) => distanceKm(a, county) - distanceKm(b, county))[0] ?? county;
}

function dedupe(places: Place[]): Place[] {
  return places.filter((p, i) => places.findIndex((q) => q.name === p.name && q.county === p.county) === i);
}

/** Full-width to half-width, lower-case Latin, collapse spaces; emoji and symbols to spaces. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{Script=Han}A-Za-z0-9.\-~～至到'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
