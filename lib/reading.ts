// How much a worker has to read. A reply is measured in what the eye meets: every visible
// character (a Chinese character, a digit, a letter, an emoji or punctuation mark) counts one;
// spaces and line breaks count nothing. Budgets are for a worker who reads little, on an old phone.

const GRAPHEMES = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** Visible characters in a text (whitespace not counted, an emoji or keycap is one). */
export function readingLength(text: string): number {
  let n = 0;
  for (const { segment } of GRAPHEMES.segment(text)) if (!/^\s+$/u.test(segment)) n++;
  return n;
}

/** The first n visible characters of a text (cut by grapheme, so no emoji is split). */
export function firstChars(text: string, n: number): string {
  const out: string[] = [];
  for (const { segment } of GRAPHEMES.segment(text)) {
    if (out.length >= n) break;
    out.push(segment);
  }
  return out.join('');
}

/** A list of up to three jobs, with what was searched and how to go on. */
export const LIST_BUDGET = 90;
/** Every other reply. */
export const REPLY_BUDGET = 50;
