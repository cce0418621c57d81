// Trade words in text, exact or by sound: 焊工, 烧电焊, 汗工 (han gong), hangong, 保吉 (bao ji ≈
// bao jie). Exact words come from the lexicon and CSCO-2022; sounds from their pinyin; near
// sounds through Fuse.js over the pinyin, only for what nothing else explained.
import { createRequire } from 'node:module';
import Fuse from 'fuse.js';
import { pinyin } from 'pinyin-pro';
import { lexiconTerms, RELATED } from '../data/lexicon.ts';
import type { Occupation } from '../types.ts';

const require = createRequire(import.meta.url);

interface OccupationRow {
  code: string;
  name: string;
  aliases: string[];
  definition: string;
  tasks: string;
}

export interface TermHit {
  term: string;
  at: number;
  end: number;
  codes: Map<string, number>;
  /** 1 for the written word, less when found by sound. */
  certainty: number;
}

/** Toneless pinyin of Chinese text, syllables joined: 焊工 → hangong. Latin is kept. */
export function toPinyin(text: string): string {
  return syllables(text).join('');
}

export function syllables(text: string): string[] {
  return pinyin(text, { toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);
}

/**
 * Folds the sounds Southwestern Mandarin (spoken in 贵州) does not tell apart, so a word written
 * by ear matches: zh/z, ch/c, sh/s, n/l, and the -ng finals (an/ang, en/eng, in/ing, ong).
 */
export function foldSyllable(s: string): string {
  return s.replace(/^zh/, 'z').replace(/^ch/, 'c').replace(/^sh/, 's').replace(/^l/, 'n').replace(/ng$/, 'n');
}

const fold = (text: string) => syllables(text).map(foldSyllable);

/** Levenshtein distance, for short strings. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = d[0];
    d[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const t = d[j];
      d[j] = Math.min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = t;
    }
  }
  return d[b.length];
}

export class TradeLexicon {
  readonly occupations = new Map<string, OccupationRow>();
  readonly terms: Map<string, Map<string, number>>;
  private readonly byPinyin = new Map<string, string[]>();
  private readonly byRawPinyin = new Map<string, string>();
  private readonly syllablesOf = new Map<string, string[]>();
  /** Folded syllables with one position blanked ("bao|*") → terms: near sounds by lookup, not search. */
  private readonly oneOff = new Map<string, string[]>();
  private readonly fuse: Fuse<{ py: string; term: string }>;
  readonly maxTermLength: number;

  constructor(rows: OccupationRow[]) {
    for (const r of rows) this.occupations.set(r.code, r);
    this.terms = lexiconTerms();
    // CSCO names and aliases name their occupation, unless the lexicon already says otherwise.
    for (const r of rows) {
      for (const [word, w] of [[r.name.replace(/L$/, ''), 1], ...r.aliases.map((a) => [a, 0.9] as const)] as const) {
        if (word.length < 2 || /[/（(]/.test(word) || this.terms.has(word)) continue;
        this.terms.set(word, new Map([[r.code, w]]));
      }
    }
    let longest = 0;
    const entries: { py: string; term: string }[] = [];
    for (const term of this.terms.keys()) {
      longest = Math.max(longest, term.length);
      if (!/[\u4e00-\u9fff]/.test(term) || term.length < 2) continue;
      if (!this.byRawPinyin.has(toPinyin(term))) this.byRawPinyin.set(toPinyin(term), term);
      const syl = fold(term);
      const py = syl.join('');
      this.syllablesOf.set(term, syl);
      if (Math.max(...this.terms.get(term)!.values()) >= 0.9) {
        for (let k = 0; k < syl.length; k++) {
          const key = syl.map((x, j) => (j === k ? '*' : x)).join('|');
          const l = this.oneOff.get(key) ?? [];
          l.push(term);
          this.oneOff.set(key, l);
        }
      }
      const list = this.byPinyin.get(py) ?? [];
      list.push(term);
      this.byPinyin.set(py, list);
      // Only words that name a trade are guessed by sound; 厂里 or 手工 are too vague to guess.
      if (Math.max(...this.terms.get(term)!.values()) >= 0.9) entries.push({ py, term });
    }
    this.maxTermLength = longest;
    this.fuse = new Fuse(entries, { keys: ['py'], threshold: 0.2, includeScore: true, ignoreLocation: true, minMatchCharLength: 4 });
  }

  static load(): TradeLexicon {
    return new TradeLexicon(require('../data/occupations.json') as OccupationRow[]);
  }

  occupation(code: string): Occupation | null {
    const r = this.occupations.get(code);
    return r ? { code: r.code, name: r.name.replace(/L$/, '') } : null;
  }

  /** Is b a trade a worker of trade a would also take? */
  related(a: string, b: string): boolean {
    return RELATED[a]?.includes(b) ?? false;
  }

  relatedTo(a: string): readonly string[] {
    return RELATED[a] ?? [];
  }

  /** Written trade words, longest first at each position, not overlapping. */
  exactHits(text: string): TermHit[] {
    const hits: TermHit[] = [];
    const upper = text.toUpperCase();
    for (let i = 0; i < text.length; ) {
      let hit: TermHit | null = null;
      for (let len = Math.min(this.maxTermLength, text.length - i); len >= 1; len--) {
        const s = upper.slice(i, i + len);
        const codes = this.terms.get(s) ?? this.terms.get(text.slice(i, i + len));
        if (!codes) continue;
        // Latin terms (B2, QC, SMT) must stand alone, not inside a longer word.
        if (/^[A-Z0-9]+$/.test(s) && (/[A-Za-z0-9]/.test(text[i - 1] ?? '') || /[A-Za-z0-9]/.test(text[i + len] ?? ''))) continue;
        hit = { term: s, at: i, end: i + len, codes, certainty: 1 };
        break;
      }
      if (hit) {
        hits.push(hit);
        i = hit.end;
      } else i++;
    }
    return hits;
  }

  /**
   * Trade words found by sound in stretches of text nothing else explained: Chinese homophones
   * (汗工, 家正, 次绣) and pinyin (hangong, baojie).
   */
  soundHits(text: string, at: number): TermHit[] {
    const hits: TermHit[] = [];
    if (/^[a-z\s]+$/i.test(text)) {
      const hit = this.byLatin(text.toLowerCase().replace(/\s+/g, ''));
      if (hit) hits.push({ ...hit, at, end: at + text.length });
      return hits;
    }
    // Chinese: try every 2–4 character window, longest first, not overlapping.
    for (let i = 0; i < text.length; ) {
      let found: TermHit | null = null;
      for (let len = Math.min(4, text.length - i); len >= 2; len--) {
        const h = this.bySound(fold(text.slice(i, i + len)));
        if (h) {
          found = { ...h, at: at + i, end: at + i + len };
          break;
        }
      }
      if (found) {
        hits.push(found);
        i = found.end - at;
      } else i++;
    }
    return hits;
  }

  /** Chinese written by ear: the same folded syllables, or one syllable off by one letter (bao ji ≈ bao jie). */
  private bySound(syl: string[]): Omit<TermHit, 'at' | 'end'> | null {
    const py = syl.join('');
    if (py.length < 4) return null;
    const exact = this.byPinyin.get(py);
    if (exact) return this.hitFor(exact[0], 0.9);
    // One syllable with its final cut short or run on by one letter (bao ji ≈ bao jie): the way a
    // character is picked by ear. A changed vowel is another word (修车 xiu che is not 卸车 xie che).
    for (let k = 0; k < syl.length; k++) {
      const key = syl.map((x, j) => (j === k ? '*' : x)).join('|');
      for (const term of this.oneOff.get(key) ?? []) {
        const other = this.syllablesOf.get(term)![k];
        const [short, long] = other.length < syl[k].length ? [other, syl[k]] : [syl[k], other];
        if (long.length === short.length + 1 && long.startsWith(short)) return this.hitFor(term, 0.7);
      }
    }
    return null;
  }

  /** Pinyin typed in Latin letters (hangong, baojie): folded, or one letter off. */
  private byLatin(word: string): Omit<TermHit, 'at' | 'end'> | null {
    if (word.length < 4) return null;
    const raw = this.byRawPinyin.get(word);
    if (raw) return this.hitFor(raw, 0.9);
    // Without syllable boundaries, fold the letters: l only starts syllables, ng only ends them.
    const folded = word.replace(/zh/g, 'z').replace(/ch/g, 'c').replace(/sh/g, 's').replace(/l/g, 'n').replace(/ng/g, 'n');
    const terms = this.byPinyin.get(folded);
    if (terms) return this.hitFor(terms[0], 0.9);
    if (word.length < 5) return null;
    for (const r of this.fuse.search(folded, { limit: 10 })) {
      if (editDistance(r.item.py, folded) === 1) return this.hitFor(r.item.term, 0.7);
    }
    return null;
  }

  private hitFor(term: string, certainty: number): Omit<TermHit, 'at' | 'end'> {
    return { term, codes: this.terms.get(term)!, certainty };
  }

  /**
   * The occupation of a posting: trade words in the title count double, and the last word of a
   * title is usually its head (陶瓷厂普工 is a ceramics job; 叉车维修工 a repair job), so later
   * and more specific words weigh more.
   */
  classify(title: string, description = ''): Occupation | null {
    const [best] = this.rank(title, description);
    return best ? this.occupation(best.code) : null;
  }

  /**
   * Every occupation the words point to, best first, with its score and `titleWeight`: the
   * weight of the strongest title word naming it (1 or 0.9 = named there; 0.5–0.8 = only
   * suggested, as 普工 or 小工; 0 = only the description speaks of it).
   */
  rank(title: string, description = ''): { code: string; score: number; titleWeight: number }[] {
    const score = new Map<string, number>();
    const titleWeight = new Map<string, number>();
    const add = (text: string, factor: number, inTitle: boolean) => {
      const hits = this.exactHits(text);
      hits.forEach((h, k) => {
        const position = 1 + 0.2 * k;
        for (const [code, w] of h.codes) {
          score.set(code, (score.get(code) ?? 0) + factor * w * w * position * (1 + 0.1 * h.term.length));
          if (inTitle) titleWeight.set(code, Math.max(titleWeight.get(code) ?? 0, w));
        }
      });
    };
    add(title.replace(/[（(][^）)]*[）)]/g, ' '), 3, true); // 焊工（订单班）: the bracket qualifies, it does not name the trade
    add(title, 1, true);
    add(description, 1, false);
    return [...score].map(([code, s]) => ({ code, score: s, titleWeight: titleWeight.get(code) ?? 0 })).sort((a, b) => b.score - a.score || (a.code < b.code ? -1 : 1));
  }
}
