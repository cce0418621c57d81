// Seeded reply-like SMS texts for property tests: Chinese job words, digits, punctuation, emoji
// (with modifiers, ZWJ sequences and flags), rare CJK outside the BMP, GSM-7 text and its
// escaped characters; lengths clustered around the segment boundaries.

/** mulberry32: small, seedable, the same sequence on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CHINESE = ['电焊工', '包吃住', '惠水县', '月薪', '报名', '招聘会', '广州白云区', '长白班', '回复', '更多', '换地方', '普工', '中'];
const PUNCT = ['，', '。', '|', '/', '：', '\n', ' ', '、'];
const EMOJI = ['📍', '💰', '🔥', '👷‍♂️', '🇨🇳', '❤️', '👍🏽', '✅'];
const WIDE = ['𠮷', '𡈽', '𪚥'];
const GSM = ['hello', 'Job', 'OK', 'TD', 'STOP', ' ', '\n', '@', '£', 'é', 'Ñ', '.', ',', '-'];
const GSM_EXT = ['€', '[', ']', '{', '}', '~', '^', '|', '\\'];

export function replyLikeText(next: () => number): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(next() * xs.length)];
  const gsmOnly = next() < 0.3;
  const target = gsmOnly ? 140 + Math.floor(next() * 200) : 60 + Math.floor(next() * 160);
  let s = '';
  while (s.length < target) {
    const r = next();
    if (gsmOnly) s += r < 0.15 ? pick(GSM_EXT) : r < 0.3 ? String(Math.floor(next() * 100000)) : pick(GSM);
    else if (r < 0.45) s += pick(CHINESE);
    else if (r < 0.6) s += String(Math.floor(next() * 20000));
    else if (r < 0.72) s += pick(PUNCT);
    else if (r < 0.84) s += pick(EMOJI);
    else if (r < 0.9) s += pick(WIDE);
    else s += pick(next() < 0.5 ? GSM : GSM_EXT);
  }
  return s;
}

/** A lone half of a surrogate pair: what a cut in the wrong place leaves behind. */
export const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
