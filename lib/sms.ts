// SMS segment counting with the real rule: GSM-7 text is 160 characters in one segment, 153 per
// segment when split (extension characters count twice); anything else is UCS-2, 70 in one
// segment and 67 per segment when split, counted in UTF-16 code units (an emoji takes two).

const GSM_BASIC = new Set('@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà');
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

export interface SegmentInfo {
  encoding: 'GSM-7' | 'UCS-2';
  units: number;
  segments: number;
}

export function smsSegments(text: string): SegmentInfo {
  let gsmUnits = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM_BASIC.has(ch)) gsmUnits += 1;
    else if (GSM_EXTENDED.has(ch)) gsmUnits += 2;
    else {
      gsm = false;
      break;
    }
  }
  if (gsm) return { encoding: 'GSM-7', units: gsmUnits, segments: gsmUnits === 0 ? 1 : gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153) };
  const units = text.length; // UTF-16 code units
  return { encoding: 'UCS-2', units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}

/** Most characters of UCS-2 text that fit in n segments. */
export const ucs2Budget = (segments: number) => (segments <= 1 ? 70 : segments * 67);

/** Cuts text to fit n segments, ending with an ellipsis when cut; never splits a surrogate pair. */
export function fitSegments(text: string, segments: number): string {
  if (smsSegments(text).segments <= segments) return text;
  const budget = ucs2Budget(segments) - 1;
  let out = '';
  for (const ch of text) {
    if (out.length + ch.length > budget) break;
    out += ch;
  }
  return out + '…';
}
