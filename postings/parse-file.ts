// Reading a job fair's posting list as staff hand it over: CSV (a spreadsheet saved as CSV) or
// JSON Lines in the raw form of eval/postings.jsonl. Checks the encoding, the columns and each
// cell; rows that cannot be used are reported with the physical line they start on and a plain
// reason, never dropped silently.
import { CsvError, parse } from 'csv-parse/sync';

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
export const FORMULA = /^[=+\-@\t\r]/;

export function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ImportFileError(
      415,
      '文件不是 UTF-8 编码（可能是 GBK）。请在 Excel/WPS 里“另存为 CSV UTF-8”后再导入。 / The file is not UTF-8 (perhaps GBK): save it as "CSV UTF-8" and import again.',
    );
  }
}

export interface CsvRecord {
  /** Physical line of the file the record starts on (a quoted newline makes a record span lines). */
  line: number;
  cells: string[];
}

interface CsvRead {
  records: CsvRecord[];
  /** Where the parser lost the file's structure; nothing from here on was read. */
  broken?: { line: number; reason: string };
}

/**
 * CSV through csv-parse, keeping each record's starting line. Line breaks are made uniform first
 * (CRLF and lone CR become LF, one physical line each) so the parser's line count is the
 * editor's. Quotes inside an unquoted cell (6"管) are kept as text, as Excel does.
 */
export function readCsv(text: string): CsvRead {
  const lf = text.replace(/\r\n?/g, '\n');
  const records: CsvRecord[] = [];
  let endLine = 0; // line the previous record ended on
  let emptyBefore = 0; // blank lines skipped up to the previous record
  const startOf = (c: { empty_lines: number }) => endLine + 1 + (c.empty_lines - emptyBefore);
  try {
    parse(lf, {
      relax_column_count: true, // ragged rows are reported one by one below, not fatal
      relax_quotes: true,
      skip_empty_lines: true,
      record_delimiter: '\n',
      on_record: (cells: string[], ctx) => {
        records.push({ line: startOf(ctx), cells });
        endLine = ctx.lines;
        emptyBefore = ctx.empty_lines;
        return null;
      },
    });
    return { records };
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    const line = startOf({ empty_lines: typeof e.empty_lines === 'number' ? e.empty_lines : emptyBefore });
    const last = lf.endsWith('\n') ? lf.split('\n').length - 1 : lf.split('\n').length;
    const span = last > line ? `第 ${line}–${last} 行` : `第 ${line} 行`;
    // Everything after an unclosed quote is one open cell to the parser; where the cell was meant
    // to end cannot be known, so no line from here on is taken (see README "Importing postings").
    const reason =
      e.code === 'CSV_QUOTE_NOT_CLOSED'
        ? `这一行有个引号 " 没有配对，${span}都没有导入。改好这一行后重新导入整个文件（已导入的不会重复）。 / Unclosed quote: lines ${line}–${last} not imported.`
        : `CSV 格式有错，${span}都没有导入（${e.message}）。 / Malformed CSV: lines ${line}–${last} not imported.`;
    return { records, broken: { line, reason } };
  }
}

/** A line inside a quoted cell that has a whole row's worth of commas is a row the quote swallowed. */
function swallowedRow(cell: string, columns: number): boolean {
  if (columns < 2 || !cell.includes('\n')) return false;
  return cell
    .split('\n')
    .slice(1)
    .some((l) => (l.match(/,/g)?.length ?? 0) >= columns - 1);
}

function csvRows(text: string, problems: ParsedFile['problems']): ParsedRow[] {
  const { records, broken } = readCsv(text);
  if (broken) problems.push(broken);
  const [head, ...body] = records;
  if (!head) {
    if (broken) throw new ImportFileError(400, `表头读不出来：${broken.reason}`);
    throw new ImportFileError(400, '文件是空的。 / The file is empty.');
  }
  const header = head.cells.map((h) => h.trim().toLowerCase());
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) {
    throw new ImportFileError(400, `缺少列：${missing.join(', ')}。第一行要有列名：${KNOWN_COLUMNS.join(',')} / Missing columns: ${missing.join(', ')}`);
  }
  const twice = KNOWN_COLUMNS.filter((c) => header.indexOf(c) !== header.lastIndexOf(c));
  if (twice.length) throw new ImportFileError(400, `列名重复：${twice.join(', ')}。每列只能出现一次。 / Duplicate columns: ${twice.join(', ')}`);
  const rows: ParsedRow[] = [];
  for (const { line, cells } of body) {
    // A row of empty cells (",,,," as spreadsheets save blank rows) holds nothing to lose.
    if (cells.every((c) => !c.trim())) continue;
    if (cells.length !== header.length) {
      const hint = cells.length > header.length ? '内容里的英文逗号要用引号括起来' : '少了几格，逗号数要和表头一样';
      problems.push({ line, reason: `这一行有 ${cells.length} 格，表头有 ${header.length} 格（${hint}）。 / ${cells.length} fields, the header has ${header.length}.` });
      continue;
    }
    const o: Record<string, string> = {};
    header.forEach((h, j) => {
      if (KNOWN_COLUMNS.includes(h)) o[h] = cells[j];
    });
    const split = REQUIRED_COLUMNS.find((c) => /\n/.test(o[c]));
    const swallowed = header.findIndex((h, j) => KNOWN_COLUMNS.includes(h) && swallowedRow(cells[j], header.length));
    if (split || swallowed >= 0) {
      problems.push({
        line,
        reason: `${split ?? header[swallowed]} 这一格跨了几行，像是引号没配对、把下面的行也吞进去了。请检查引号。 / A quoted cell spans lines and seems to swallow rows: check the quotes.`,
      });
      continue;
    }
    rows.push({ line, value: o });
  }
  return rows;
}

function jsonlRows(text: string, problems: ParsedFile['problems']): ParsedRow[] {
  const rows: ParsedRow[] = [];
  text.split('\n').forEach((l, i) => {
    if (!l.trim()) return;
    try {
      rows.push({ line: i + 1, value: JSON.parse(l) });
    } catch {
      problems.push({ line: i + 1, reason: '不是有效的 JSON (not valid JSON)' });
    }
  });
  return rows;
}

export function parseImportFile(bytes: Uint8Array, kind: 'csv' | 'jsonl'): ParsedFile {
  if (bytes.byteLength > MAX_IMPORT_BYTES) {
    throw new ImportFileError(413, `文件太大：${(bytes.byteLength / 1048576).toFixed(1)} MB，最多 ${MAX_IMPORT_BYTES / 1048576} MB。请分成几个文件。 / File too large; split it.`);
  }
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (!text.trim()) throw new ImportFileError(400, '文件是空的。 / The file is empty.');
  const problems: ParsedFile['problems'] = [];
  const rows = kind === 'csv' ? csvRows(text, problems) : jsonlRows(text, problems);
  if (!rows.length && !problems.length) throw new ImportFileError(400, '文件里没有岗位，只有表头或空行。 / No postings in the file, only a header or blank lines.');
  // Formula cells: the row is reported, not imported.
  const clean: ParsedRow[] = [];
  for (const r of rows) {
    const v = r.value as Record<string, unknown>;
    const bad = v && typeof v === 'object' ? Object.entries(v).find(([, x]) => typeof x === 'string' && FORMULA.test(x) && !/^-?\d/.test(x)) : undefined;
    if (bad) problems.push({ line: r.line, reason: `${bad[0]} 是公式，不能导入 (formula not allowed): ${String(bad[1]).slice(0, 40)}` });
    else clean.push(r);
  }
  return { rows: clean, problems: problems.sort((a, b) => a.line - b.line) };
}

export function kindOf(nameOrType: string): 'csv' | 'jsonl' | null {
  if (/csv/i.test(nameOrType)) return 'csv';
  if (/jsonl|ndjson|json-lines|jsonlines/i.test(nameOrType)) return 'jsonl';
  return null;
}
