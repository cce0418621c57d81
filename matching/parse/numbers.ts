// Chinese and Arabic number reading for wages: 五千五 → 5500, 一万二 → 12000, 两百 → 200,
// 七八千 → [7000, 8000], 5k → 5000, 1.2万 → 12000, 4千 → 4000.

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  俩: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000, k: 1000, K: 1000, w: 10000, W: 10000, 万: 10000 };

const NUM_CHARS = '零〇一壹二两贰俩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万0-9.kKwW';
/** Matches a number written in any of the ways workers write wages. */
export const NUMBER_RE = new RegExp(`[${NUM_CHARS}]+`, 'g');

/**
 * Reads one number token. Returns [low, high]: equal unless the token is a span like 七八千.
 * Returns null for tokens that are not numbers.
 */
export function readNumber(token: string): [number, number] | null {
  const t = token.trim();
  if (!t) return null;
  // Arabic with optional unit: 5500, 5.5k, 1.2万, 4千, 6k
  const arabic = /^(\d+(?:\.\d+)?)([kKwW千万百]?)$/.exec(t);
  if (arabic) {
    const v = parseFloat(arabic[1]) * (arabic[2] ? UNIT[arabic[2]] : 1);
    return [Math.round(v), Math.round(v)];
  }
  // Span of two adjacent digits before a unit: 七八千, 五六千, 两三百
  const span = /^([一二两三四五六七八九])([二三四五六七八九])([十百千万])$/.exec(t);
  if (span && DIGIT[span[2]] === DIGIT[span[1]] + 1) {
    const u = UNIT[span[3]];
    return [DIGIT[span[1]] * u, DIGIT[span[2]] * u];
  }
  if (/\d/.test(t)) {
    // mixed like 4千5 or 1万2
    const m = /^(\d+)([千万])(\d)$/.exec(t);
    if (m) {
      const u = UNIT[m[2]];
      const v = +m[1] * u + +m[3] * (u / 10);
      return [v, v];
    }
    return null;
  }
  let total = 0;
  let section = 0; // part below 万
  let digit = -1;
  let lastUnit = 0;
  for (const ch of t) {
    if (ch in DIGIT) {
      if (digit >= 0) return null; // two digits in a row (other than spans): not a wage number
      digit = DIGIT[ch];
    } else if (ch in UNIT) {
      const u = UNIT[ch];
      if (u === 10000) {
        section = section + (digit >= 0 ? digit : 0) || 1;
        total += section * 10000;
        section = 0;
      } else {
        section += (digit >= 0 ? digit : 1) * u;
      }
      lastUnit = u;
      digit = -1;
    } else return null;
  }
  if (digit >= 0) {
    // 五千五 = 5500, 一万二 = 12000: a trailing digit counts in the next smaller unit
    section += lastUnit >= 10 ? digit * (lastUnit / 10) : digit;
  }
  const v = total + section;
  return v > 0 ? [v, v] : null;
}
