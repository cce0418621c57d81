// One job as a worker reads it: a few everyday words for the trade, the place, the pay and one
// reason, in one line of the list; its details (the posting's own title, employer, conditions)
// on tap. Built from the matcher's facts, never from the classification's official names.
import type { Gazetteer } from '../matching/geo.ts';
import type { Place, PostingFeatures, SearchResult, Wage } from '../matching/types.ts';
import type { PostingRow } from '../postings/store.ts';
import { firstChars, readingLength } from '../lib/reading.ts';
import type { JobCard } from './reply.ts';
import { everydayName } from './words/trade-names.ts';

export const CIRCLED = ['①', '②', '③', '④', '⑤', '⑥', '⑦', '⑧', '⑨'];

/** The posting's title without brackets, extra spaces or emoji: 电焊工（二保焊） → 电焊工. */
export function cleanTitle(title: string): string {
  return title
    .replace(/[（(【[].*?[）)】\]]/g, '')
    .replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, '')
    .replace(/\s+/g, '')
    .trim();
}

/**
 * A card's title: the recruiter's short title, else the trade's everyday name, else the title cut.
 * A short title that is a long official name (道路货运汽车驾驶员 is too long anyway; 化工单元操作工
 * is not) takes the everyday name instead.
 */
export function cardTitle(row: PostingRow, code: string | null | undefined): string {
  const clean = cleanTitle(row.title) || row.title.trim();
  const everyday = everydayName(code);
  const official = row.occupationName?.replace(/L$/, '') ?? '';
  if (readingLength(clean) <= 7 && !(everyday && official.length >= 5 && clean.includes(official))) return clean;
  return everyday ?? firstChars(clean, 7);
}

const short = (name: string) => (name.length > 2 ? name.replace(/(市|区|县|镇|乡|街道|街道办事处|自治州|自治县|省)$/, '') : name);

/** 广州白云, 惠州沥林, 好花红, 惠水县城: a place in at most six characters, home county first. */
export function shortPlace(p: Place, gaz: Gazetteer): string {
  const home = p.county === gaz.home.county;
  const city = short(p.city);
  if (p.level === 'province') return short(p.province);
  if (p.level === 'city') return city;
  if (p.level === 'county') return home ? `${short(p.county)}县城` : `${city}${short(p.county)}`.slice(0, 6);
  return home ? short(p.town) : `${city}${short(p.town)}`.slice(0, 6);
}

/** 8000, 1.2万: pay as people say it. */
const money = (n: number) => (n >= 10000 ? `${Number((n / 10000).toFixed(1))}万` : String(n));
const span = (a: number | null, b: number | null) => (a === null ? (b === null ? '' : money(b)) : b === null || a === b ? money(a) : `${money(a)}-${money(b)}`);

/** 8000-1.2万/月, 200元/天, 20元/时, 计件: the pay in at most about ten characters. */
export function shortPay(w: Wage | null): string {
  if (!w) return '';
  if (w.unit === 'piece') return w.monthlyMin ? `计件${money(w.monthlyMin)}起` : '计件';
  const s = span(w.min, w.max);
  if (!s) return '';
  if (w.unit === 'day') return `${s}元/天`;
  if (w.unit === 'hour') return `${s}元/时`;
  return `${s}/月`;
}

const TYPE_NOTE: Record<string, string> = { gig: '日结', training: '培训', homework: '在家做', public_welfare: '公益岗' };

/** The one reason worth a glance: a related trade, board and lodging, the kind of work, or 对口. */
function cardNote(f: PostingFeatures | null, r: SearchResult): string {
  if (r.fit === 'nearest') return '供参考';
  if (r.trade === 'related') return '相近';
  if (f?.boardAndLodging) return '包吃住';
  if (f && TYPE_NOTE[f.type]) return TYPE_NOTE[f.type];
  return r.trade === 'exact' ? '对口' : '';
}

export function jobCard(row: PostingRow, f: PostingFeatures | null, r: SearchResult, n: number, gaz: Gazetteer): JobCard {
  const km = r.homeKm;
  const place = km !== null && km < 100 ? (km < 1 ? '家附近' : `离家${Math.round(km)}公里`) : f?.place ? shortPlace(f.place, gaz) : firstChars(cleanTitle(row.location), 6);
  return { n, postingId: row.id, title: cardTitle(row, f?.occupation?.code), employer: row.employer.name, place, pay: shortPay(f?.wage ?? null), note: cardNote(f, r) };
}

/** The job's line in a list: ①电焊工 广州白云 8000-1.2万/月 包吃住. */
export function cardLine(c: JobCard, withNote = true): string {
  return [`${CIRCLED[c.n - 1]}${c.title}`, c.place, c.pay, withNote ? c.note : ''].filter(Boolean).join(' ');
}

/** One job in full, within a short reply: title, employer, place, pay, board and the main condition. */
export function jobDetails(row: PostingRow, f: PostingFeatures | null, budget: number): string {
  const benefits = parseList(row.benefits).slice(0, 2).join('，');
  const where = firstChars(cleanTitle(row.location) || (f?.place ? f.place.name : ''), 10);
  const pay = firstChars(row.wageText.trim(), 12) || shortPay(f?.wage ?? null);
  const lines = [firstChars(row.title.trim(), 14), firstChars(row.employer.name, 14), [where && `📍${where}`, pay && `💰${pay}`].filter(Boolean).join(' ')];
  if (benefits) lines.push(benefits);
  if (row.requirements.trim()) lines.push(`要求：${row.requirements.trim()}`);
  // The last lines give way first: what the job is, who and where always show.
  let text = lines.join('\n');
  while (readingLength(text) > budget && lines.length > 3) {
    const last = lines.pop()!;
    const room = budget - readingLength(lines.join('\n'));
    if (room >= 6) {
      lines.push(`${firstChars(last, room - 1)}…`);
      text = lines.join('\n');
      break;
    }
    text = lines.join('\n');
  }
  return text;
}

function parseList(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
