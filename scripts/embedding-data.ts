// What the embedding model is trained on, shared by scripts/train-embeddings.ts and
// scripts/eval-embeddings.ts: the occupation classification, the trade lexicon, and a
// deterministic hold-out of aliases for the intrinsic evaluation (held-out alias retrieval).
import fs from 'node:fs';
import { lexiconTerms } from '../matching/data/lexicon.ts';

export interface Occ {
  code: string;
  name: string;
  aliases: string[];
  definition: string;
  tasks: string;
}

export const loadOccupations = (): Occ[] => JSON.parse(fs.readFileSync('matching/data/occupations.json', 'utf8')) as Occ[];

/** FNV-1a over UTF-16 code units: a stable hash that needs no library. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Whether an alias of an occupation is held out of training (percent of 100, by hash). */
export const isHeldOut = (code: string, alias: string, percent: number): boolean => percent > 0 && fnv1a(`${code}\t${alias}`) % 100 < percent;

export interface TrainingData {
  occupations: Occ[];
  /** Everyday word → codes and weights, without words equal to a held-out alias. */
  lexicon: Map<string, Map<string, number>>;
  /** Held-out (code, alias) pairs: empty when percent is 0. */
  heldOut: { code: string; alias: string }[];
}

/** The occupations with held-out aliases removed, and the lexicon without those words. */
export function trainingData(percent = 0): TrainingData {
  const heldOut: { code: string; alias: string }[] = [];
  const occupations = loadOccupations().map((o) => {
    const keep = o.aliases.filter((a) => {
      const out = isHeldOut(o.code, a, percent);
      if (out) heldOut.push({ code: o.code, alias: a });
      return !out;
    });
    return { ...o, aliases: keep };
  });
  const hidden = new Set(heldOut.map((h) => h.alias));
  const lexicon = new Map([...lexiconTerms()].filter(([w]) => !hidden.has(w)));
  return { occupations, lexicon, heldOut };
}
