// Structured logs: one JSON object per line on stderr. Phone numbers are masked wherever they
// appear, so a log shipped to a vendor does not carry workers' numbers.
import { type Clock, systemClock } from './clock.ts';

export type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
  child(fields: Record<string, unknown>): Logger;
}

// A phone number as people write it: 13812345678, 138 1234 5678, +86 139-1234-5678, full-width
// digits from a Chinese keyboard, or any international number with a plus. Dates and times
// (2026-12-03, 19:08:40) do not fit either shape.
const D = '[0-9０-９]';
const PHONE = new RegExp(
  [
    `(?:(?:\\+|＋)?[8８][6６][ -]?)?[1１][3-9３-９]${D}(?:[ -]?${D}{4}){2}`, // Chinese mobile, 3-4-4
    `(?:\\+|＋)${D}{1,3}(?:[ -]?${D}{2,5}){2,5}`, // international, with its plus
  ].join('|'),
  'g',
);

/** Masks the four digits before the last four of every phone number: +8613812345678 → +86138****5678. */
export function maskPhones(s: string): string {
  return s.replace(PHONE, (m) => {
    const digits = [...m].filter((c) => /[0-9０-９]/.test(c)).length;
    if (digits < 8) return m;
    let i = 0;
    return [...m].map((c) => (/[0-9０-９]/.test(c) && i++ >= digits - 8 && i <= digits - 4 ? '*' : c)).join('');
  });
}

export function createLogger(
  level: Level = 'info',
  base: Record<string, unknown> = {},
  write: (line: string) => void = (l) => process.stderr.write(l + '\n'),
  clock: Clock = systemClock,
): Logger {
  const emit = (lvl: Level, msg: string, fields?: Record<string, unknown>) => {
    if (ORDER[lvl] < ORDER[level]) return;
    const rec: Record<string, unknown> = { time: clock.now().toISOString(), level: lvl, msg, ...base, ...fields };
    for (const [k, v] of Object.entries(rec)) if (v instanceof Error) rec[k] = { message: v.message, stack: v.stack };
    write(maskPhones(JSON.stringify(rec)));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    child: (f) => createLogger(level, { ...base, ...f }, write, clock),
  };
}

export const silentLogger: Logger = createLogger('error', {}, () => {});
