// Reading posting files as staff produce them: every line the import does not take comes back
// with the physical line it starts on and a reason; nothing disappears into a neighbouring cell.
import { describe, expect, it } from 'vitest';
import { ImportFileError, parseImportFile } from '../../postings/parse-file.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);
const csv = (s: string) => parseImportFile(utf8(s), 'csv');
const ids = (s: string) => csv(s).rows.map((r) => (r.value as { id: string }).id);
const refusal = (s: string, kind: 'csv' | 'jsonl' = 'csv') => {
  try {
    parseImportFile(utf8(s), kind);
  } catch (e) {
    if (e instanceof ImportFileError) return { status: e.status, message: e.message };
    throw e;
  }
  throw new Error('expected the file to be refused');
};

describe('a stray quote', () => {
  it('in the second of three rows: keeps the row before it and reports lines 3–4 as not imported', () => {
    // The hand-written reader turned this into one row and no problem at all.
    const r = csv('id,employer,title\nC1,惠水某厂,包装工\nC2,惠水某厂,"叉车司机\nC3,惠水某厂,仓管员\n');
    expect(r.rows).toEqual([{ line: 2, value: { id: 'C1', employer: '惠水某厂', title: '包装工' } }]);
    expect(r.problems).toEqual([{ line: 3, reason: expect.stringContaining('第 3–4 行都没有导入') }]);
    expect(r.problems[0].reason).toContain('引号');
  });

  it('in the first row: nothing is taken, and the whole range is reported from line 2', () => {
    const r = csv('id,employer,title\nC1,惠水某厂,"包装工\nC2,惠水某厂,叉车司机\nC3,惠水某厂,仓管员');
    expect(r.rows).toEqual([]);
    expect(r.problems).toEqual([{ line: 2, reason: expect.stringContaining('第 2–4 行') }]);
  });

  it('counts blank lines and quoted newlines before it when naming its line', () => {
    const r = csv('id,employer,title,description\n\nC1,a,b,"第一行\n第二行"\n\n\nC2,a,"b\n\nC3,x,y,z');
    expect(r.rows.map((x) => x.line)).toEqual([3]);
    expect(r.problems).toEqual([{ line: 7, reason: expect.stringContaining('第 7–9 行') }]);
  });

  it('inside an unquoted cell is text, as Excel reads it', () => {
    const r = csv('id,employer,title\nC1,惠水某厂,6"水管安装工\nC2,惠水某厂,普工\n');
    expect(r.problems).toEqual([]);
    expect(r.rows.map((x) => (x.value as { title: string }).title)).toEqual(['6"水管安装工', '普工']);
  });

  it('paired with a later stray quote: the row that swallowed the lines between is refused, not imported merged', () => {
    const r = csv('id,employer,title,description\nC1,a,包装工,"早班\nC2,a,叉车,夜班"\nC3,a,仓管,白班\n');
    expect(ids('id,employer,title,description\nC1,a,包装工,"早班\nC2,a,叉车,夜班"\nC3,a,仓管,白班\n')).toEqual(['C3']);
    expect(r.problems).toEqual([{ line: 2, reason: expect.stringContaining('吞') }]);
    const key = csv('id,employer,title\nC1,"惠水某厂,包装工\nC2,某厂",叉车\nC3,a,b\n');
    expect(key.rows.map((x) => x.line)).toEqual([4]);
    expect(key.problems).toEqual([{ line: 2, reason: expect.stringContaining('employer') }]);
  });
});

describe('ragged rows', () => {
  it('a row with more or fewer cells than the header is reported by its line; the others are kept', () => {
    const r = csv('id,employer,title,wage_text\nC1,惠水某厂,包装工,3,500\nC2,惠水某厂\nC3,惠水某厂,仓管员,4000\n');
    expect(ids('id,employer,title,wage_text\nC1,惠水某厂,包装工,3,500\nC2,惠水某厂\nC3,惠水某厂,仓管员,4000\n')).toEqual(['C3']);
    expect(r.problems).toEqual([
      { line: 2, reason: expect.stringContaining('这一行有 5 格，表头有 4 格') },
      { line: 3, reason: expect.stringContaining('这一行有 2 格，表头有 4 格') },
    ]);
  });
});

describe('what spreadsheets and editors produce', () => {
  it('a BOM, CRLF line ends and a quoted cell with line breaks and commas', () => {
    const r = csv('\uFEFFid,employer,title,description\r\nC1,惠水某厂,包装工,"包吃住，\r\n月休4天, 长白班"\r\nC2,惠水某厂,叉车司机,持证\r\n');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { line: 2, value: { id: 'C1', employer: '惠水某厂', title: '包装工', description: '包吃住，\n月休4天, 长白班' } },
      { line: 4, value: { id: 'C2', employer: '惠水某厂', title: '叉车司机', description: '持证' } },
    ]);
  });

  it('lone CR line ends (old Mac Excel) count as lines too', () => {
    expect(csv('id,employer,title\rC1,a,b\rC2,a,"b\rC3,a,b').problems).toEqual([{ line: 3, reason: expect.stringContaining('第 3–4 行') }]);
  });

  it('blank lines and rows of empty cells are skipped without a report and do not shift line numbers', () => {
    const r = csv('id,employer,title\n\nC1,a,b\n,,\n   \nC2,a,\n\n');
    expect(r.rows.map((x) => x.line)).toEqual([3, 6]);
    expect(r.problems).toEqual([]);
  });

  it('formula cells are refused line by line', () => {
    const r = csv('id,employer,title\nC1,a,=HYPERLINK("http://x")\nC2,a,"=1+1"\nC3,a,@SUM(A1)\nC4,a,-5℃冷库\n');
    expect(r.rows.map((x) => x.line)).toEqual([5]);
    expect(r.problems.map((p) => p.line)).toEqual([2, 3, 4]);
    expect(r.problems[0].reason).toContain('公式');
  });
});

describe('files refused as a whole', () => {
  it('an empty file', () => {
    expect(refusal('')).toEqual({ status: 400, message: expect.stringContaining('空') });
    expect(refusal('\uFEFF\r\n\r\n')).toEqual({ status: 400, message: expect.stringContaining('空') });
    expect(refusal('', 'jsonl').status).toBe(400);
  });

  it('a header and no postings', () => {
    expect(refusal('id,employer,title\r\n')).toEqual({ status: 400, message: expect.stringContaining('只有表头') });
    expect(refusal('id,employer,title\n\n,,\n').status).toBe(400);
  });

  it('missing or repeated required columns, and a header the parser cannot read', () => {
    expect(refusal('name,company\n焊工,某厂\n')).toEqual({ status: 400, message: expect.stringContaining('employer') });
    expect(refusal('id,employer,title,title\nC1,a,b,c\n')).toEqual({ status: 400, message: expect.stringContaining('title') });
    expect(refusal('id,"employer,title\nC1,a,b\n')).toEqual({ status: 400, message: expect.stringContaining('引号') });
  });

  it('not UTF-8, or over 20 MB', () => {
    expect(() => parseImportFile(new Uint8Array([0x69, 0x64, 0x2c, 0xba, 0xb8, 0x0a]), 'csv')).toThrow(/UTF-8/);
    try {
      parseImportFile(new Uint8Array(20 * 1024 * 1024 + 1).fill(0x61), 'csv');
      expect.unreachable();
    } catch (e) {
      expect((e as ImportFileError).status).toBe(413);
    }
  });
});

describe('JSON Lines', () => {
  it('reports bad lines by number, with CRLF and a BOM', () => {
    const r = parseImportFile(utf8('\uFEFF{"id":"J1","employer":"a","title":"b"}\r\nnot json\r\n\r\n{"id":"J2","employer":"a","title":"=cmd"}\r\n'), 'jsonl');
    expect(r.rows.map((x) => x.line)).toEqual([1]);
    expect(r.problems).toEqual([
      { line: 2, reason: expect.stringContaining('JSON') },
      { line: 4, reason: expect.stringContaining('公式') },
    ]);
  });
});
