// What a posting asks of a worker and how the work is done, read from its own words: age limits
// (18-45岁, 五十五岁以下), shifts (两班倒, 夜班, 凌晨), living in (住家, 上户), piece rate, heavy
// or light work, reading, free hours. Read at indexing time from the raw text.
import type { PostingConditions, PostingFeatures, RawPosting } from '../types.ts';
import { readNumber } from './numbers.ts';

// Occupations that are heavy by nature, whatever the posting says: carrying, building labour,
// kilns, farm and forest labour, road works.
const HEAVY_TRADES = new Set(['4-02-05-01', '6-29-01-01', '6-29-01-03', '6-29-01-04', '6-29-01-05', '6-15-05-03', '6-29-02-04', '5-01-02-01', '6-18-01-11']);
// Occupations usually done sitting.
const SEATED_TRADES = new Set([
  '6-05-01-03',
  '6-09-03-11',
  '6-09-03-17',
  '6-09-03-09',
  '6-05-01-06',
  '5-05-06-05',
  '6-09-03-19',
  '4-01-02-04',
  '6-31-03-05',
  '6-25-04-07',
  '6-15-05-04',
]);

const N = '[0-9零一二两三四五六七八九十]+';
const RANGE = new RegExp(`(${N})\\s*(?:岁)?\\s*(?:-|~|～|至|到)\\s*(${N})\\s*(?:周)?岁`);
const MAX = new RegExp(`(${N})\\s*(?:周)?岁?\\s*(?:以下|以内|之内|内|及以下)`);
const MIN = new RegExp(`(${N})\\s*(?:周)?岁\\s*(?:以上|及以上)`);

const num = (s: string) => readNumber(s)?.[0] ?? null;
const plausible = (n: number | null) => (n !== null && n >= 14 && n <= 80 ? n : null);

export function postingConditions(p: RawPosting, f: PostingFeatures): PostingConditions {
  const text = `${p.title} ${p.description ?? ''} ${p.requirements ?? ''} ${(p.benefits ?? []).join(' ')} ${p.wage_text ?? ''}`;
  const clean = text.replace(/不上夜班|无夜班|没有夜班|不用上夜班|不倒班|长白班|不住家|非住家/g, ' ');
  const code = f.occupation?.code ?? '';
  let ageMin: number | null = null;
  let ageMax: number | null = null;
  const range = RANGE.exec(text);
  if (range) {
    ageMin = plausible(num(range[1]));
    ageMax = plausible(num(range[2]));
  } else {
    const max = MAX.exec(text);
    if (max && /岁/.test(max[0])) ageMax = plausible(num(max[1]));
    const min = MIN.exec(text);
    if (min) ageMin = plausible(num(min[1]));
  }
  if (/年龄不限|不限年龄/.test(text)) ageMin = ageMax = null;
  const night: 0 | 1 | 2 = /夜班|两班倒|三班倒|倒班|12小时两班|凌晨|通宵|夜场|上夜|守夜/.test(clean) ? 2 : /晚班|白夜班|做二休一|轮班|晚上/.test(clean) ? 1 : 0;
  return {
    ageMin,
    ageMax,
    night,
    // A 月嫂 lives with the family for the month (上户) whether the posting says so or not.
    liveIn: /住家|上户|住雇主家|月嫂/.test(clean),
    pieceRate: f.wage?.unit === 'piece' || /计件|按件|按斤|按量/.test(text),
    heavy: HEAVY_TRADES.has(code) || /重活|体力活|力气大|扛|搬运|能吃苦耐劳.*搬|负重/.test(text),
    light: /轻松|不累|轻活|坐着|坐班|可坐|工作简单|简单易学/.test(text),
    seated: /坐着|坐班|可坐|坐姿/.test(text) || SEATED_TRADES.has(code),
    literacy: /识字|认字|初中以上|初中及以上|高中|中专|大专|本科|学历|电脑|办公软件|文员|会写|拼音|打字|看懂|读写/.test(text),
    flexible: f.type === 'gig' || f.type === 'homework' || /时间自由|时间灵活|自由安排|钟点|兼职|半天|弹性|可接送|带娃/.test(text),
  };
}
