// Reading the reference tables (scripts/build-data.ts) through csv-parse: one row object per
// record keyed by the trimmed header, missing trailing cells as ''.
import { parse } from 'csv-parse/sync';

export function csvObjects(text: string): Record<string, string>[] {
  const [head, ...rest] = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  if (!head) return [];
  return rest.filter((r) => r.length > 1 || r[0] !== '').map((r) => Object.fromEntries(head.map((h, j) => [h.trim(), r[j] ?? ''])));
}
