// The matcher kept in step with the open postings in the database. Features and vectors are
// read from the rows (computed once, at import); a vector made by another model than the one
// configured is recomputed once and written back.
import { type Embedder, fromBytes, toBytes } from '../matching/embed/embedder.ts';
import type { Gazetteer } from '../matching/geo.ts';
import { Matcher } from '../matching/index.ts';
import type { TradeLexicon } from '../matching/parse/occupation.ts';
import type { PostingFeatures, Relaxed, SearchResult } from '../matching/types.ts';
import type { Db } from '../prisma/db.ts';
import { lastPostingChange } from './changes.ts';
import { loadOpenPostings, type PostingRow, rowFeatures, rowRaw } from './store.ts';

export interface Understanding {
  gazetteer: Gazetteer;
  lexicon: TradeLexicon;
  embedder: Embedder | null;
}

export class JobIndex {
  private constructor(
    readonly matcher: Matcher,
    private readonly rows: Map<string, PostingRow>,
    private readonly db: Db,
    /** Every posting change up to this number is in the index (see changes.ts). */
    private seenChange: number,
    /** The highest posting id seen: a changed row above it is a new posting. */
    private seenId: number,
  ) {}

  static async load(db: Db, u: Understanding): Promise<JobIndex> {
    // Read before the rows: a change committed meanwhile is read again at the next refresh.
    const seenChange = await lastPostingChange(db);
    const seenId = (await db.posting.aggregate({ _max: { id: true } }))._max.id ?? 0;
    const rows = await loadOpenPostings(db);
    const features = new Map(rows.map((r) => [String(r.id), rowFeatures(r)]));
    const vectors = new Map<string, Float32Array>();
    for (const r of rows) if (r.embedding && u.embedder && r.embeddingModel === u.embedder.id) vectors.set(String(r.id), fromBytes(r.embedding));
    const matcher = await Matcher.fromPostings(rows.map(rowRaw), { ...u, features, vectors });
    const index = new JobIndex(matcher, new Map(rows.map((r) => [String(r.id), r])), db, seenChange, seenId);
    const stale = rows.filter((r) => !vectors.has(String(r.id)));
    if (u.embedder && stale.length) {
      await db.$transaction(
        stale.map((r) => db.posting.update({ where: { id: r.id }, data: { embedding: toBytes(matcher.vectorOf(String(r.id))!), embeddingModel: u.embedder!.id } })),
      );
    }
    return index;
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
  async put(row: PostingRow): Promise<void> {
    if (row.status !== 'open') {
      this.remove(row.id);
      return;
    }
    this.rows.set(String(row.id), row);
    const e = this.matcher.embedder;
    const vector = row.embedding && e && row.embeddingModel === e.id ? fromBytes(row.embedding) : e ? (await e.embed([`${row.title} ${row.description}`]))[0] : null;
    this.matcher.add(rowRaw(row), rowFeatures(row), vector);
  }

  /**
   * Takes in postings changed in the database since the last look (by an import in another
   * process, say). Returns the ids of those changed and of those new since the last look.
   */
  async refresh(): Promise<{ changed: number[]; created: number[] }> {
    const changed = await this.db.posting.findMany({ where: { changeSeq: { gt: this.seenChange } }, include: { employer: true }, orderBy: { changeSeq: 'asc' } });
    for (const row of changed) await this.put(row);
    const created = changed.filter((r) => r.id > this.seenId).map((r) => r.id);
    for (const r of changed) {
      this.seenChange = Math.max(this.seenChange, r.changeSeq);
      this.seenId = Math.max(this.seenId, r.id);
    }
    return { changed: changed.map((r) => r.id), created };
  }

  remove(id: number): void {
    this.rows.delete(String(id));
    this.matcher.remove(String(id));
  }

  async search(text: string, home: string | null, top: number): Promise<SearchResult[]> {
    return this.matcher.search({ text, home }, { top });
  }

  /**
   * When nothing meets every wish: the nearest real alternatives, with the wishes let go (wage,
   * then type, then place, then trade; never what the worker ruled out). A worker is better served
   * by "not in 东莞, but here" than by nothing.
   */
  async relaxed(text: string, home: string | null, top: number): Promise<{ results: SearchResult[]; dropped: Relaxed[] }> {
    const results = (await this.matcher.search({ text, home }, { top, nearest: true })).filter((r) => r.fit === 'nearest');
    return { results, dropped: results[0]?.relaxed ?? [] };
  }
}
