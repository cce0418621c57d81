// Dates as a worker reads them, in the event's own time zone: 12月14日(周一) 9:00.

const WEEKDAY = ['日', '一', '二', '三', '四', '五', '六'];

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

export function localParts(d: Date, timeZone: string): LocalParts {
  const f = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    weekday: 'short',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(f.formatToParts(d).map((p) => [p.type, p.value]));
  return {
    year: +parts.year,
    month: +parts.month,
    day: +parts.day,
    hour: +parts.hour % 24,
    minute: +parts.minute,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday),
  };
}

/** The instant at a local wall-clock time in a zone (handles zones with DST by one correction). */
export function zonedTime(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const p = localParts(new Date(guess), timeZone);
  const offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - guess;
  const first = new Date(guess - offset);
  const q = localParts(first, timeZone);
  const offset2 = Date.UTC(q.year, q.month - 1, q.day, q.hour, q.minute) - first.getTime();
  return offset2 === offset ? first : new Date(guess - offset2);
}

export const hhmm = (p: LocalParts) => `${p.hour}:${String(p.minute).padStart(2, '0')}`;

export function formatDay(d: Date, timeZone: string): string {
  const p = localParts(d, timeZone);
  return `${p.month}月${p.day}日(周${WEEKDAY[p.weekday]})`;
}

export function formatSpan(start: Date, end: Date, timeZone: string): string {
  const a = localParts(start, timeZone);
  const b = localParts(end, timeZone);
  const sameDay = a.year === b.year && a.month === b.month && a.day === b.day;
  return sameDay ? `${formatDay(start, timeZone)} ${hhmm(a)}-${hhmm(b)}` : `${formatDay(start, timeZone)} ${hhmm(a)} 到 ${formatDay(end, timeZone)} ${hhmm(b)}`;
}
