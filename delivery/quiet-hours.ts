// Quiet hours: messages that are not direct replies wait until morning instead of waking people.
import { localParts, zonedTime } from '../lib/time.ts';

export interface QuietHours {
  start: number; // hour, e.g. 21
  end: number; // hour, e.g. 8
}

/** The end of the quiet period `at` falls in, or null when `at` is not in quiet hours. */
export function quietUntil(at: Date, q: QuietHours | null, timeZone: string): Date | null {
  if (!q || q.start === q.end) return null;
  const p = localParts(at, timeZone);
  const inQuiet = q.start > q.end ? p.hour >= q.start || p.hour < q.end : p.hour >= q.start && p.hour < q.end;
  if (!inQuiet) return null;
  let end = zonedTime(p.year, p.month, p.day, q.end, 0, timeZone);
  if (end <= at) end = zonedTime(p.year, p.month, p.day + 1, q.end, 0, timeZone);
  return end;
}
