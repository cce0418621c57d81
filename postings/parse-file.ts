// Reading a job fair's posting list as staff hand it over: CSV (a spreadsheet saved as CSV) or
// JSON Lines in the raw form of eval/postings.jsonl. Checks the encoding, the columns and each
// cell; rows that cannot be used are reported with their line number and reason, never dropped
// silently.
import { parseCsv } from '../lib/csv.ts';

export const MAX_IMPORT_BYTES = 20 * 1024 * 1024;
export const REQUIRED_COLUMNS = ['id', 'employer', 'title'];
export const KNOWN_COLUMNS = ['id', 'employer', 'title', 'description', 'location', 'wage_text', 'type', 'benefits', 'headcount', 'requirements'];

export class ImportFileError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ParsedRow {
  line: number;
  value: unknown;
}

export interface ParsedFile {
  rows: ParsedRow[];
  problems: { line: number; reason: string }[];
}

/** Spreadsheet formulas (=HYPERLINK(...), +cmd, @SUM) must not come back out into someone's Excel. */
const FORMULA = /^[=+\-@\t\r]/;

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      415,
      '文件不是 UTF-8 编码（可能是 GBK）。请在 Excel/WPS 里“另存为 CSV UTF-8”后再导入。 / The file is not UTF-8 (perhaps GBK): save it as "CSV UTF-8" and import again.',
    );
  }
}

export function parseImportFile(bytes: Uint8Array, kind: 'csv' | 'jsonl'): ParsedFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFileError(413, `文件太大：${(bytes.byteLength / 1048576).toFixed(1)} MB，最多 ${MAX_IMPORT_BYTES / 1048576} MB。请分成几个文件。 / File too large; split it.`);
  }
  const text = decode(bytes).replace(/^\uFEFF/, '');
  const problems: ParsedFile['problems'] = [];
  const rows: ParsedRow[] = [];
  if (kind === 'jsonl') {
    text.split('\n').forEach((l, i) => {
      if (!l.trim()) return;
      try {
        rows.push({ line: i + 1, value: JSON.parse(l) });
      } catch {
        problems.push({ line: i + 1, reason: '不是有效的 JSON (not valid JSON)' });
      }
    });
  } else {
    const table = parseCsv(text);
    const header = (table[0] ?? []).map((h) => h.trim().toLowerCase());
    const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
    if (missing.length) {
      throw new ImportFileError(400, `缺少列：${missing.join(', ')}。第一行要有列名：${KNOWN_COLUMNS.join(',')} / Missing columns: ${missing.join(', ')}`);
    }
    table.slice(1).forEach((cells, i) => {
      if (cells.length === 1 && !cells[0].trim()) return;
      const o: Record<string, string> = {};
      header.forEach((h, j) => {
        if (KNOWN_COLUMNS.includes(h)) o[h] = cells[j] ?? '';
      });
      rows.push({ line: i + 2, value: o });
    });
  }
  // Formula cells: the row is reported, not imported.
  const clean: ParsedRow[] = [];
  for (const r of rows) {
    const v = r.value as Record<string, unknown>;
    const bad = v && typeof v === 'object' ? Object.entries(v).find(([, x]) => typeof x === 'string' && FORMULA.test(x) && !/^-?\d/.test(x)) : undefined;
    if (bad) problems.push({ line: r.line, reason: `${bad[0]} 是公式，不能导入 (formula not allowed): ${String(bad[1]).slice(0, 40)}` });
    else clean.push(r);
  }
  return { rows: clean, problems };
}

export function kindOf(nameOrType: string): 'csv' | 'jsonl' | null {
  if (/csv/i.test(nameOrType)) return 'csv';
  if (/jsonl|ndjson|json-lines|jsonlines/i.test(nameOrType)) return 'jsonl';
  return null;
}
