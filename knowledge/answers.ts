// Finding the programme answer a worker's message asks for (交通补贴 for "车费能报吗", 欠薪 for
// "老板不给钱"), or none. Matching is by the entries' own words, not by the job matcher: an
// ordinary job search ("焊工 广州", "保洁", "进厂") holds none of them and gets null, so the
// chat searches jobs as before.
import Fuse from 'fuse.js';
import { pinyin } from 'pinyin-pro';
import type { Db } from '../prisma/db.ts';
import { normalise } from './rules.ts';

export interface FoundAnswer {
  id: number;
  topic: string;
  answer: string;
}

interface Entry extends FoundAnswer {
  /** Topic and keywords, normalised, each once. */
  terms: string[];
}

/** Typos are forgiven only in words this long: in a two-character word one wrong character leaves one, which matches anything. */
const FUZZY_MIN = 3;

export class ProgrammeAnswers {
  private entries: Entry[] = [];
  private signature = '';

  constructor(private readonly db: Db) {}

  /**
   * The entry whose words occur in the text: the longest word found wins, then the entry with
   * more words found, then the older entry. A word of three or more characters also counts with
   * one character typed wrong, if that character sounds the same (补帖 for 补贴, 写作站 for
   * 协作站: what a pinyin keyboard or voice input gets wrong); it then counts as slightly shorter,
   * so a word found exactly wins over the same word misspelt.
   */
  async find(text: string): Promise<FoundAnswer | null> {
    const t = normalise(text);
    if (!t) return null;
    const entries = await this.load();
    // One item, the worker's text; each long word is looked for in it. Fuse's bitap score is
    // errors ÷ word length (location ignored), so a score within 1/length is one edit at most;
    // the edit is then checked to be a same-sounding substitution (a dropped character would
    // make 技术员 read as 学技术).
    const fuse = new Fuse([t], { includeScore: true, ignoreLocation: true, ignoreFieldNorm: true, isCaseSensitive: true, threshold: 0.34, minMatchCharLength: 2 });
    let best: { entry: Entry; longest: number; count: number } | null = null;
    for (const entry of entries) {
      let longest = 0;
      let count = 0;
      for (const term of entry.terms) {
        let weight = 0;
        if (t.includes(term)) weight = term.length;
        else if (term.length >= FUZZY_MIN && term.length <= t.length) {
          const hit = fuse.search(term)[0];
          if (hit && (hit.score ?? 1) <= 1 / term.length + 1e-9 && soundsLikeOneTypo(t, term)) weight = term.length - 0.5;
        }
        if (!weight) continue;
        count++;
        longest = Math.max(longest, weight);
      }
      if (!count) continue;
      if (!best || longest > best.longest || (longest === best.longest && count > best.count)) best = { entry, longest, count };
    }
    return best ? { id: best.entry.id, topic: best.entry.topic, answer: best.entry.answer } : null;
  }

  /**
   * The entries, read again only when the table changed. Checking costs one aggregate query per
   * call (well under a millisecond on SQLite with 200 rows); staff edits are seen at once, by
   * every process sharing the database. The newest id is part of the signature so that a delete
   * and a create in the same millisecond are not mistaken for no change.
   */
  private async load(): Promise<Entry[]> {
    const agg = await this.db.programmeAnswer.aggregate({ _count: { _all: true }, _max: { updatedAt: true, id: true } });
    const signature = `${agg._count._all}:${agg._max.id ?? 0}:${agg._max.updatedAt?.getTime() ?? 0}`;
    if (signature === this.signature) return this.entries;
    const rows = await this.db.programmeAnswer.findMany({ orderBy: { id: 'asc' } });
    this.entries = rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      answer: r.answer,
      terms: [...new Set([r.topic, ...parseKeywords(r.keywords)].map(normalise).filter((k) => k.length >= 2))],
    }));
    this.signature = signature;
    return this.entries;
  }
}

export function parseKeywords(json: string): string[] {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

/** Somewhere in the text the term stands with exactly one character replaced by one of the same sound (tones aside). */
function soundsLikeOneTypo(text: string, term: string): boolean {
  const a = Array.from(term);
  const chars = Array.from(text);
  for (let i = 0; i + a.length <= chars.length; i++) {
    let differs = -1;
    for (let j = 0; j < a.length; j++) {
      if (chars[i + j] === a[j]) continue;
      if (differs >= 0) {
        differs = -2;
        break;
      }
      differs = j;
    }
    if (differs >= 0 && sameSound(chars[i + differs], a[differs])) return true;
  }
  return false;
}

const sound = (c: string) => (/\p{Script=Han}/u.test(c) ? pinyin(c, { toneType: 'none', type: 'array', multiple: true }) : []);

/** Two Chinese characters that can be read alike: 帖/贴, 写/协, 联/连. */
function sameSound(x: string, y: string): boolean {
  const sx = sound(x);
  return sx.length > 0 && sound(y).some((s) => sx.includes(s));
}
