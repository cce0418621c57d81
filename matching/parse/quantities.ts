// The numbers in a worker's message, each given its kind before it is used: a wage (with a wage
// cue, a wage range or a monthly magnitude), an age (岁, 今年…, 快50了) or neither (八年 of
// experience, B2, 12小时 shifts, headcounts). Only a wage becomes a wage floor.
import type { WageUnit } from '../types.ts';
import { NUMBER_RE, readNumber } from './numbers.ts';
import { toMonthly } from './wage.ts';

export interface Quantities {
  /** Monthly equivalent of the lowest pay asked for. */
  wageFloor: number | null;
  /** The unit the pay was asked in, when the worker named one. */
  payUnit: WageUnit | null;
  age: number | null;
  /** Where each number that was read stands, so that no other parser reads it again. */
  spans: [number, number][];
}

const HOUR = /小时|钟头|个钟|一钟|时薪|按时/;
const DAY = /天|日薪|日结|一日|每日|点工|晚/;
const MONTH = /月|底薪|万|过万/;
const PIECE = /计件|按件|一单|每单/;
const PAY_CUE = /工资|月薪|薪资|薪水|收入|待遇|能拿|拿到|要得|赚|挣|块|元|以上|起步|不低于|至少|最少|起码|过|\+|k/i;

/** Reads the kinds of the numbers in a message (already normalised). */
export function readQuantities(text: string): Quantities {
  const t = text.replace(/\s*(-|~|～|至)\s*(?=[0-9零一二两三四五六七八九十])/g, '-');
  const out: Quantities = { wageFloor: null, payUnit: null, age: null, spans: [] };
  for (const m of t.matchAll(NUMBER_RE)) {
    const token = m[0];
    const at = m.index!;
    const end = at + token.length;
    const v = readNumber(token);
    if (!v) continue;
    const before = t.slice(Math.max(0, at - 4), at);
    const after = t.slice(end, end + 4);
    const age = ageOf(v[0], before, after);
    if (age !== null) {
      out.age ??= age;
      out.spans.push([at, end + (/^(多|来)?(周)?岁/.exec(after)?.[0].length ?? 0)]);
      continue;
    }
    // Not numbers of pay: licences (B2, C1), years of experience, headcounts, hours of work,
    // distances, dates, phone numbers.
    if (/[a-z]$/i.test(before) || /^(多|来)?(年|个人|人|号|点钟|点|公里|km|里|级|米|次|楼|层|岁)/i.test(after)) continue;
    if (/^(个)?(小时|钟头)/.test(after) && !/块|元/.test(after.slice(2)) && !/(每|一|1)$/.test(before)) continue;
    if (/^\d{7,}$/.test(token)) continue;
    if (v[1] < 10) continue;
    const around = t.slice(Math.max(0, at - 4), Math.min(t.length, end + 5));
    const cue = PAY_CUE.test(around) || /[kKwW千万百]/.test(token) || /-$/.test(before) || /^-/.test(after);
    let unit: WageUnit | null = HOUR.test(around) ? 'hour' : DAY.test(around) ? 'day' : PIECE.test(around) ? 'month' : MONTH.test(around) ? 'month' : null;
    if (!unit) {
      // A bare number is a wage only by its size: 6000 a month, 250 a day with 块/元, 20 an hour with 块.
      if (v[0] >= 1000) unit = 'month';
      else if (cue && v[0] >= 100) unit = 'day';
      else if (cue && v[0] < 100) unit = 'hour';
      else continue;
    }
    // Pay said per hour or per day beyond belief (一天十万) is not a wish we can serve.
    if ((unit === 'hour' && v[0] > 300) || (unit === 'day' && v[0] > 3000)) continue;
    const monthly = toMonthly(v[0], unit);
    if (monthly < 500 || monthly > 100000) continue; // 一天十万 is not a wish we can serve
    out.spans.push([at, end]);
    if (out.wageFloor === null) {
      out.wageFloor = monthly;
      if (HOUR.test(around) || DAY.test(around) || MONTH.test(around)) out.payUnit = unit;
    }
  }
  return out;
}

/** An age, when the words around a number say it is one (45岁, 五十多岁, 今年四十八, 快50了). */
function ageOf(n: number, before: string, after: string): number | null {
  if (n < 14 || n > 80) return null;
  const more = /^(多|来)/.test(after) ? 1 : 0;
  if (/^(多|来)?(周)?岁/.test(after)) return n + (/^多/.test(after) ? 1 : 0);
  if (/快$/.test(before) && /^(了|啦)/.test(after)) return n - 1;
  if (/(今年|年纪|年龄|岁数|我都|我已经|已经)$/.test(before) && !/^(多)?(块|元|一|每|k)/i.test(after)) return n + more;
  if (/^(多)?(了|啦)/.test(after) && n < 80 && !/(天|月|块|元|小时)/.test(before)) return n + more;
  return null;
}
