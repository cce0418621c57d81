// The matcher kept in step with the open postings in the database.
import { Matcher } from '../matching/index.ts';
import type { PostingFeatures, SearchResult } from '../matching/types.ts';
import type { Db } from '../prisma/db.ts';
import { loadOpenPostings, rowFeatures, rowRaw, type PostingRow } from './store.ts';

export class JobIndex {
  private constructor(readonly matcher: Matcher, private readonly rows: Map<string, PostingRow>) {}

  static async load(db: Db, matcher?: Matcher): Promise<JobIndex> {
    const rows = await loadOpenPostings(db);
    const features = new Map(rows.map((r) => [String(r.id), rowFeatures(r)]));
    const m = matcher ?? (await Matcher.fromPostings(rows.map(rowRaw), { features }));
    if (matcher) for (const r of rows) m.add(rowRaw(r), features.get(String(r.id)));
    return new JobIndex(m, new Map(rows.map((r) => [String(r.id), r])));
  }

  get size(): number {
    return this.rows.size;
  }

  posting(id: string | number): PostingRow | undefined {
    return this.rows.get(String(id));
  }

  features(id: string | number): PostingFeatures | null {
    return this.matcher.featuresOf(String(id));
  }

  /** Adds or replaces a posting (after an import or an edit); closed postings leave the index. */
  put(row: PostingRow): void {
    if (row.status !== 'open') {
      this.remove(row.id);
      return;
    }
    this.rows.set(String(row.id), row);
    this.matcher.add(rowRaw(row), rowFeatures(row));
  }

  remove(id: number): void {
    this.rows.delete(String(id));
    this.matcher.remove(String(id));
  }

  async search(text: string, home: string | null, top: number): Promise<SearchResult[]> {
    return this.matcher.search({ text, home }, { top });
  }
}
