// SMS segments as carriers count them, through Twilio's own calculator (sms-segments-calculator):
// a split message loses room to its header, and a segment never splits a surrogate pair, an
// escaped GSM-7 character or a grapheme, so counting characters alone undercounts near a boundary.
import { SegmentedMessage } from 'sms-segments-calculator';

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  /** Message size in encoding units: GSM-7 septets or UTF-16 code units. */
  units: number;
  segments: number;
}

export function smsSegments(text: string): SegmentInfo {
  const m = new SegmentedMessage(text);
  const encoding = m.encodingName;
  return { encoding, units: m.messageSize / (encoding === 'GSM-7' ? 7 : 16), segments: m.segmentsCount };
}

/** Most characters any one segment can carry (160 GSM-7 septets; UCS-2 carries fewer). */
const MAX_CHARS_PER_SEGMENT = 160;

const GRAPHEMES = new Intl.Segmenter('zh', { granularity: 'grapheme' });

/** The text's graphemes (an emoji with its modifiers is one): the units a cut may not split. */
export const graphemes = (text: string): string[] => Array.from(GRAPHEMES.segment(text), (s) => s.segment);

/**
 * The longest start of `text` that, followed by an ellipsis and then `keep`, fits in `segments`
 * segments; the text itself when it fits whole. `keep` (say, the "回复…" line) is never cut.
 * Cuts between graphemes only. If `keep` alone leaves no room, the whole is cut instead.
 */
export function fitSegments(text: string, segments: number, keep = ''): string {
  const whole = text + keep;
  // The calculator takes about a millisecond per hundred characters: skip it where the answer is
  // plain (no segment holds more than 160 characters) and never hand it more than could fit.
  if (whole.length <= MAX_CHARS_PER_SEGMENT * segments && smsSegments(whole).segments <= segments) return whole;
  // GSM-7 text stays GSM-7 with "..."; "…" would switch it to UCS-2 and halve the room.
  const gsm = smsSegments(whole).encoding === 'GSM-7';
  const dots = gsm ? '...' : '…';
  // Room in n segments counted in characters: an upper bound, as GSM-7 escapes and UCS-2 pairs take two.
  const room = segments === 1 ? (gsm ? 160 : 70) : segments * (gsm ? 153 : 67);
  const g = graphemes(text);
  const cut = (n: number) => `${g.slice(0, n).join('').trimEnd()}${dots}${keep}`;
  if (smsSegments(cut(0)).segments > segments) return keep ? fitSegments(whole, segments) : dots;
  // Adding a grapheme never lowers the count, so the longest fitting cut is found by bisection,
  // starting below the first cut too long to fit by length alone.
  let lo = 0;
  let hi = 0;
  for (let len = 0; hi < g.length && len + g[hi].length + dots.length + keep.length <= room; hi++) len += g[hi].length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (smsSegments(cut(mid)).segments <= segments) lo = mid;
    else hi = mid - 1;
  }
  return cut(lo);
}
