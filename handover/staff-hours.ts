// When staff answer: the days and hours someone reads hand-overs (STAFF_HOURS, app/config.ts), and
// the short phrase that tells a worker when to expect a person — a promise the office can keep.
import { localParts } from '../lib/time.ts';

export interface StaffHours {
  /** Days staff work, as LocalParts.weekday counts them: 0 Sunday … 6 Saturday. */
  days: number[];
  /** Minutes after local midnight: from start (inclusive) to end (exclusive), the same day. */
  start: number;
  end: number;
}

/** Monday to Saturday, 09:00–18:00. */
export const DEFAULT_STAFF_HOURS: StaffHours = { days: [1, 2, 3, 4, 5, 6], start: 9 * 60, end: 18 * 60 };

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

/**
 * STAFF_HOURS as written, "1-6 09:00-18:00" (days 1 Monday … 7 Sunday, as ranges or lists like
 * "1-5,7"), or a reason it cannot be read.
 */
export function parseStaffHours(text: string): StaffHours | string {
  const m = /^([1-7](?:-[1-7])?(?:,[1-7](?:-[1-7])?)*)\s+(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(text.trim());
  const usage = 'use days and hours like 1-6 09:00-18:00 (days 1 = Monday … 7 = Sunday; ranges or lists such as 1-5,7)';
  if (!m) return usage;
  const days = new Set<number>();
  for (const part of m[1].split(',')) {
    const [a, b = a] = part.split('-').map(Number);
    if (b < a) return `${part}: a range of days runs forward (1-6, not 6-1); ${usage}`;
    for (let d = a; d <= b; d++) days.add(d % 7); // 7 (Sunday) is weekday 0
  }
  const [sh, sm, eh, em] = [m[2], m[3], m[4], m[5]].map(Number);
  if (sh > 23 || eh > 24 || sm > 59 || em > 59 || (eh === 24 && em > 0)) return `not a time of day; ${usage}`;
  const start = sh * 60 + sm;
  const end = eh * 60 + em;
  if (end <= start) return `the end (${m[4]}:${m[5]}) must come after the start (${m[2]}:${m[3]}) on the same day; ${usage}`;
  return { days: [...days].sort((a, b) => a - b), start, end };
}

const at = (minutes: number) => `${Math.floor(minutes / 60)}点${minutes % 60 ? `${minutes % 60}分` : ''}后`;

/**
 * When a worker who writes at `now` can expect staff: "1小时内" within staff hours, "今天9点后"
 * before they open, "明天9点后" after they close, "周一9点后" when the next working day is
 * further (over Sunday).
 */
export function answerBy(now: Date, hours: StaffHours, timeZone: string): string {
  const p = localParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  if (hours.days.includes(p.weekday)) {
    if (minute >= hours.start && minute < hours.end) return '1小时内';
    if (minute < hours.start) return `今天${at(hours.start)}`;
  }
  for (let ahead = 1; ahead <= 7; ahead++) {
    const day = (p.weekday + ahead) % 7;
    if (!hours.days.includes(day)) continue;
    if (ahead === 1) return `明天${at(hours.start)}`;
    return `${ahead === 7 ? '下' : ''}周${WEEKDAY[day]}${at(hours.start)}`;
  }
  return `明天${at(hours.start)}`; // no working day at all cannot be configured; a safe phrase anyway
}
