// Wage text, as recruiters write it and as workers ask for it, to a unit and a monthly equivalent.
import type { Wage, WageUnit } from '../types.ts';
import { NUMBER_RE, readNumber } from './numbers.ts';

export const DAYS_PER_MONTH = 26;
export const HOURS_PER_DAY = 8;

const UNIT_WORDS: [RegExp, WageUnit][] = [
  [/(\/|每|一)?(小时|钟头|个钟|时薪|h\b)/i, 'hour'],
  [/(\/|每|一)?(天|日|晚)|日结|日薪|点工/, 'day'],
  [/计件|按件|按量|按斤|每件|一件/, 'piece'],
  [/(\/|每|一)?月|月薪|月入|底薪/, 'month'],
];

export function toMonthly(amount: number, unit: WageUnit): number {
  if (unit === 'day') return amount * DAYS_PER_MONTH;
  if (unit === 'hour') return amount * HOURS_PER_DAY * DAYS_PER_MONTH;
  return amount;
}

/** Finds the numbers in a text with their positions, spans expanded (七八千 → 7000, 8000). */
function numbersIn(text: string): { lo: number; hi: number; at: number; end: number }[] {
  const out: { lo: number; hi: number; at: number; end: number }[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    // split "5500-7000" is already split by '-', but "4千5" stays together
    const v = readNumber(m[0]);
    if (v) out.push({ lo: v[0], hi: v[1], at: m.index!, end: m.index! + m[0].length });
  }
  return out;
}

/** The unit a wage amount is in, from the words around it. */
function unitNear(text: string, at: number, end: number): WageUnit | null {
  const around = text.slice(Math.max(0, at - 4), Math.min(text.length, end + 4));
  for (const [re, unit] of UNIT_WORDS) if (re.test(around)) return unit;
  return null;
}

/**
 * Parses a posting's wage text (5500-7000/月, 日结250, 一天100-180, 150元/晚, 计件5000-8000,
 * 20元/小时, 月薪五千到六千). Plausible amounts only: 1..2000 a day style numbers are daily,
 * hundreds-to-tens-of-thousands monthly. Returns null when no wage is stated (面议).
 */
export function parseWage(text: string | undefined | null): Wage | null {
  if (!text) return null;
  // "按件80-200元/片，月入1000-2000": the monthly figure is the one that compares.
  const monthly = /(月入|月薪|综合|到手|每月)[^，,;；。]*/.exec(text);
  if (monthly && monthly.index > 0 && /\d|[千万]/.test(monthly[0])) {
    const w = parseWage(monthly[0]);
    if (w) return /计件|按件|按量/.test(text) ? { ...w, unit: 'piece' } : w;
  }
  const t = text.replace(/[，,]/g, ' ').replace(/\s*(-|~|～|—|至|到)\s*/g, '-');
  const all = numbersIn(t).filter((n) => n.hi >= 10 && n.hi <= 200000);
  if (!all.length) return null;
  // Keep the amounts of the wage's own magnitude: "5000-7000/单(26天)" is not paid 26 a day,
  // and "学徒4500，转正6000-9000" spans 4500-9000.
  const top = Math.max(...all.map((n) => n.hi));
  const nums = all.filter((n) => n.hi * 10 >= top);
  let unit: WageUnit | null = null;
  for (const n of nums) unit ??= unitNear(t, n.at, n.end);
  if (!unit) unit = UNIT_WORDS.find(([re]) => re.test(t.replace(/\(.*?\)|（.*?）/g, '')))?.[1] ?? null;
  let min = Math.min(...nums.map((n) => n.lo));
  let max = Math.max(...nums.map((n) => n.hi));
  if (min === max && /左右|上下|大概|约/.test(t)) {
    // "5000左右" means roughly 4500-5500: a tenth either way, in round steps.
    const step = max >= 1000 ? 100 : 10;
    const delta = Math.max(step, Math.floor((max * 0.1) / step) * step);
    min -= delta;
    max += delta;
  }
  if (unit === 'day' && max > 2000) unit = 'month';
  if (unit === 'hour' && max > 500) unit = 'month';
  // A bare small number with no unit word: 200 is a day rate, 25 an hour rate.
  if (!unit) unit = max < 60 ? 'hour' : max < 800 ? 'day' : 'month';
  if (unit === 'piece') {
    // 计件5000-8000 states expected monthly earnings; 计件 0.5元/件 states none.
    if (max < 1000) return { min, max, unit, monthlyMin: null, monthlyMax: null };
    return { min, max, unit, monthlyMin: min, monthlyMax: max };
  }
  if (unit === 'month' && max < 800) unit = 'day'; // nobody is paid 300 a month: it is a day rate
  return { min, max, unit, monthlyMin: toMonthly(min, unit), monthlyMax: toMonthly(max, unit) };
}

/**
 * A worker's wage wish: 五千五, 一万以上, 5k以上, 一天两百, 不低于四千, 七八千.
 * Returns the monthly floor, or null. Absurd amounts (一天十万) are ignored, not believed.
 */
export function parseWageFloor(text: string): number | null {
  const t = text.replace(/\s*(-|~|～|至|到)\s*/g, '-');
  for (const n of numbersIn(t)) {
    const before = t.slice(Math.max(0, n.at - 3), n.at);
    const after = t.slice(n.end, n.end + 3);
    // Skip numbers that are not wages: B2 licences, ages, years, headcounts.
    if (/[A-Za-z]$/.test(before) || /^(岁|年|个|人|号|点钟|公里|km|级)/.test(after)) continue;
    if (n.hi < 10) continue;
    let unit = unitNear(t, n.at, n.end);
    if (!unit) unit = n.lo < 60 ? 'hour' : n.lo < 800 ? 'day' : 'month';
    if (unit === 'piece') unit = 'month';
    const monthly = toMonthly(n.lo, unit);
    if (monthly < 500 || monthly > 100000) continue; // 一天十万 is not a wish we can serve
    return monthly;
  }
  return null;
}
