// Writing raw postings into the store: validated, understood once, upserted by external id so
// importing the same list twice creates no duplicates.
import { toBytes } from '../matching/embed/embedder.ts';
import type { PostingReader } from '../matching/reader.ts';
import type { RawPosting } from '../matching/types.ts';
import type { Db } from '../prisma/db.ts';
import { nextPostingChange } from './changes.ts';
import { featureColumns, type PostingRow, rawColumns } from './store.ts';

export interface RowProblem {
  line: number;
  reason: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  problems: RowProblem[];
  /** Rows written (created or changed), and the ids of those that are new. */
  rows: PostingRow[];
  createdIds: number[];
}

const MAX_FIELD = 2000;

/** Checks one raw row; returns the posting or the reason it cannot be used. */
export function validateRaw(v: unknown): RawPosting | string {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return '不是一条岗位记录 (expected an object)';
  const o = v as Record<string, unknown>;
  const s = (k: string) => (typeof o[k] === 'string' ? (o[k] as string).trim() : o[k] === undefined || o[k] === null ? '' : String(o[k]).trim());
  const id = s('id');
  const employer = s('employer');
  const title = s('title');
  if (!id) return '缺少编号 id';
  if (!employer) return '缺少单位 employer';
  if (!title) return '缺少岗位名称 title';
  for (const k of ['id', 'employer', 'title', 'description', 'location', 'wage_text', 'requirements']) {
    if (s(k).length > MAX_FIELD) return `${k} 太长 (over ${MAX_FIELD} characters)`;
  }
  let benefits: string[] = [];
  if (Array.isArray(o.benefits)) benefits = o.benefits.map(String);
  else if (typeof o.benefits === 'string' && o.benefits.trim())
    benefits = o.benefits
      .split(/[,，、;；|]/)
      .map((b) => b.trim())
      .filter(Boolean);
  let headcount: number | null = null;
  if (o.headcount !== undefined && o.headcount !== null && o.headcount !== '') {
    const n = Number(o.headcount);
    if (!Number.isInteger(n) || n < 0 || n > 100000) return `招聘人数 headcount 不对: ${String(o.headcount)}`;
    headcount = n;
  }
  return {
    id,
    employer,
    title,
    benefits,
    headcount,
    description: s('description'),
    location: s('location'),
    wage_text: s('wage_text'),
    type: s('type') || undefined,
    requirements: s('requirements'),
  };
}

export async function importPostings(
  db: Db,
  reader: PostingReader,
  rows: { line: number; value: unknown }[],
  onProgress?: (done: number, total: number) => void,
): Promise<ImportReport> {
  const report: ImportReport = { created: 0, updated: 0, unchanged: 0, problems: [], rows: [], createdIds: [] };
  const valid: { line: number; p: RawPosting }[] = [];
  const seen = new Map<string, number>();
  for (const r of rows) {
    const p = validateRaw(r.value);
    if (typeof p === 'string') report.problems.push({ line: r.line, reason: p });
    else if (seen.has(p.id)) report.problems.push({ line: r.line, reason: `编号 ${p.id} 与第 ${seen.get(p.id)} 行重复` });
    else {
      seen.set(p.id, r.line);
      valid.push({ line: r.line, p });
    }
  }
  const employers = new Map<string, number>();
  const BATCH = 100;
  // A batch is one transaction; on a busy PostgreSQL its round trips can outlast Prisma's 5 s
  // default for interactive transactions.
  const TX = { timeout: 60_000, maxWait: 20_000 };
  for (let start = 0; start < valid.length; start += BATCH) {
    const batch = valid.slice(start, start + BATCH);
    // Understood outside the transaction: embedding takes time the database should not wait for.
    const read = await reader.read(batch.map((b) => b.p));
    const existing = new Map((await db.posting.findMany({ where: { externalId: { in: batch.map((b) => b.p.id) } } })).map((p) => [p.externalId, p]));
    await db.$transaction(async (tx) => {
      const changeSeq = await nextPostingChange(tx);
      for (const [k, { p }] of batch.entries()) {
        let employerId = employers.get(p.employer);
        if (employerId === undefined) {
          employerId = (await tx.employer.upsert({ where: { name: p.employer }, create: { name: p.employer }, update: {} })).id;
          employers.set(p.employer, employerId);
        }
        const { features, vector } = read[k];
        const data = {
          ...rawColumns(p),
          ...featureColumns(features),
          employerId,
          embedding: vector ? toBytes(vector) : null,
          embeddingModel: vector ? reader.embedder!.id : null,
        };
        const old = existing.get(p.id);
        if (old && sameRaw(old, data)) {
          report.unchanged++;
          continue;
        }
        const row = await tx.posting.upsert({
          where: { externalId: p.id },
          create: { externalId: p.id, ...data, changeSeq },
          update: { ...data, status: 'open', changeSeq },
          include: { employer: true },
        });
        if (old) report.updated++;
        else {
          report.created++;
          report.createdIds.push(row.id);
        }
        report.rows.push(row);
      }
    }, TX);
    onProgress?.(Math.min(start + BATCH, valid.length), valid.length);
  }
  return report;
}

function sameRaw(old: Record<string, unknown>, data: Record<string, unknown>): boolean {
  return ['title', 'description', 'location', 'wageText', 'type', 'benefits', 'headcount', 'requirements', 'employerId'].every((k) => old[k] === data[k]) && old.status === 'open';
}
