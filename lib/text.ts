// Text from outside (a worker's phone, a spreadsheet, a webhook) can hold lone UTF-16 surrogates
// ("ab\ud800cd"): JSON allows them, UTF-8 cannot encode them, and the database driver fails on
// them. They are replaced by U+FFFD, as a decoder does with a broken byte.

/** The string with every lone surrogate replaced by U+FFFD. */
export function wellFormed(s: string): string {
  return (s as string & { toWellFormed(): string }).toWellFormed();
}

/** The same value with every string inside plain objects and arrays made well-formed. */
export function wellFormedDeep<T>(value: T): T {
  if (typeof value === 'string') return wellFormed(value) as T;
  if (Array.isArray(value)) return value.map(wellFormedDeep) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = wellFormedDeep(v);
    return out as T;
  }
  return value; // dates, bytes, numbers, Prisma's own objects: as they are
}
