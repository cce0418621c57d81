// The knowledge base from a spreadsheet saved as CSV (columns topic, keywords, answer), as staff
// keep it: upserted by topic, so the same file twice changes nothing. Read with the postings
// import's CSV reader (encoding, BOM, line ends, quotes, the line each row starts on); rows that
// cannot be used come back with that line and a reason, the others are stored.
import { decode, FORMULA, ImportFileError, readCsv } from '../postings/parse-file.ts';
import type { Db } from '../prisma/db.ts';
import { parseKeywords } from './answers.ts';
import { AnswerInput, cleanKeywords, splitKeywords } from './rules.ts';

export const MAX_ANSWERS_FILE_BYTES = 1024 * 1024;
export const ANSWER_COLUMNS = ['topic', 'keywords', 'answer'];

export interface Problem {
  line: number;
  reason: string;
}

export interface AnswerRow {
  line: number;
  value: AnswerInput;
}

export interface AnswerImportReport {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  problems: Problem[];
}

/** The rows of the file that pass the rules, and a reason for each line that does not. Throws ImportFileError for a file that cannot be read at all. */
export function parseAnswersCsv(bytes: Uint8Array): { rows: AnswerRow[]; problems: Problem[] } {
  if (bytes.byteLength > MAX_ANSWERS_FILE_BYTES) throw new ImportFileError(413, `文件太大，最多 1 MB。 / File too large (at most 1 MB).`);
  const text = decode(bytes).replace(/^\uFEFF/, '');
  if (!text.trim()) throw new ImportFileError(400, '文件是空的。 / The file is empty.');
  const { records, broken } = readCsv(text);
  const problems: Problem[] = broken ? [broken] : [];
  const [head, ...body] = records;
  if (!head) throw new ImportFileError(400, `表头读不出来 / the header cannot be read: ${broken?.reason ?? ''}`);
  const header = head.cells.map((h) => h.trim().toLowerCase());
  const missing = ANSWER_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length) throw new ImportFileError(400, `缺少列：${missing.join(', ')}。第一行要是 topic,keywords,answer / Missing columns: ${missing.join(', ')}`);
  const twice = ANSWER_COLUMNS.filter((c) => header.indexOf(c) !== header.lastIndexOf(c));
  if (twice.length) throw new ImportFileError(400, `列名重复：${twice.join(', ')} / Duplicate columns: ${twice.join(', ')}`);
  const col = (cells: string[], name: string) => cells[header.indexOf(name)] ?? '';

  const rows: AnswerRow[] = [];
  const firstLine = new Map<string, number>();
  for (const { line, cells } of body) {
    if (cells.every((c) => !c.trim())) continue;
    if (cells.length !== header.length) {
      problems.push({
        line,
        reason: `这一行有 ${cells.length} 格，表头有 ${header.length} 格（内容里的英文逗号要用引号括起来）。 / ${cells.length} fields, the header has ${header.length}.`,
      });
      continue;
    }
    const formula = ANSWER_COLUMNS.find((c) => FORMULA.test(col(cells, c)) && !/^-?\d/.test(col(cells, c)));
    if (formula) {
      problems.push({ line, reason: `${formula} 是公式，不能导入 (formula not allowed)` });
      continue;
    }
    const keywords = splitKeywords(col(cells, 'keywords'));
    const parsed = AnswerInput.safeParse({ topic: col(cells, 'topic'), keywords, answer: col(cells, 'answer') });
    if (!parsed.success) {
      // In a cell the keyword is named, not numbered: "keywords: “车” 至少两个字".
      const [field, index] = parsed.error.issues[0].path;
      const which = typeof index === 'number' ? ` “${keywords[index]}”` : '';
      problems.push({ line, reason: `${String(field ?? 'row')}:${which} ${parsed.error.issues[0].message}` });
      continue;
    }
    const earlier = firstLine.get(parsed.data.topic);
    if (earlier !== undefined) {
      problems.push({ line, reason: `topic: “${parsed.data.topic}” 在第 ${earlier} 行已经有了 / repeats the topic of line ${earlier}` });
      continue;
    }
    firstLine.set(parsed.data.topic, line);
    rows.push({ line, value: parsed.data });
  }
  return { rows, problems: problems.sort((a, b) => a.line - b.line) };
}

/** Creates new topics and updates changed ones, in one transaction: the chat never sees half a file. */
export async function importAnswers(db: Db, rows: AnswerRow[], problems: Problem[] = []): Promise<AnswerImportReport> {
  const report = { created: 0, updated: 0, unchanged: 0 };
  await db.$transaction(
    async (tx) => {
      for (const { value } of rows) {
        const keywords = cleanKeywords(value.keywords);
        const old = await tx.programmeAnswer.findUnique({ where: { topic: value.topic } });
        if (!old) {
          await tx.programmeAnswer.create({ data: { topic: value.topic, keywords: JSON.stringify(keywords), answer: value.answer } });
          report.created++;
        } else if (old.answer === value.answer && JSON.stringify(parseKeywords(old.keywords)) === JSON.stringify(keywords)) {
          report.unchanged++;
        } else {
          await tx.programmeAnswer.update({ where: { id: old.id }, data: { keywords: JSON.stringify(keywords), answer: value.answer } });
          report.updated++;
        }
      }
    },
    { timeout: 30_000, maxWait: 20_000 },
  );
  return { ...report, rejected: problems.length, problems };
}
