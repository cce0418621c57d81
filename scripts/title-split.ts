// The title model's held-out protocol, computed the same way by training, evaluation and tests:
// about 15% of the classification's aliases, chosen by a fixed hash, never used for training.
// Only occupations with two or more aliases give any up, and each keeps at least one, so every
// occupation still has an alias to learn from. An alias that is also some occupation's name is
// not held out (it would be answered by the name, not learned), and whatever text equals a
// held-out alias (another occupation's alias, a lexicon word) is kept out of training too.
import fs from 'node:fs';

export interface OccupationRow {
  code: string;
  name: string;
  aliases: string[];
  definition: string;
  tasks: string;
}

export const HELD_OUT_SHARE = 0.15;
const SEED = 0x5eed2022;

/** FNV-1a over UTF-16 units, seeded: a stable number in [0, 1) for a string. */
export function stableUnit(text: string, seed = SEED): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // One more avalanche round so neighbouring strings spread evenly.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return (h >>> 0) / 2 ** 32;
}

/** The classification's name without CSCO's trailing marks (L: green, S: digital occupation). */
export const occupationName = (name: string) => name.replace(/(?<=\p{Script=Han})[LS]+$/u, '');

export interface TitleSplit {
  heldOut: { alias: string; code: string }[];
  /** Training aliases by occupation code. */
  training: Map<string, string[]>;
  /** Every held-out alias text: training must not see these, whatever their source. */
  heldOutTexts: Set<string>;
}

export function titleSplit(rows: OccupationRow[]): TitleSplit {
  const names = new Set(rows.map((r) => occupationName(r.name)));
  const heldOut: { alias: string; code: string }[] = [];
  const training = new Map<string, string[]>();
  for (const r of rows) {
    const aliases = [...new Set(r.aliases)].filter((a) => a.trim());
    const out = new Set<string>();
    if (aliases.length >= 2) {
      for (const a of aliases) if (!names.has(a) && stableUnit(`${r.code}|${a}`) < HELD_OUT_SHARE) out.add(a);
      // Keep one alias for training: the one the hash ranks last among those held out.
      if (out.size === aliases.length) {
        const keep = [...out].sort((a, b) => stableUnit(`${r.code}|${b}`) - stableUnit(`${r.code}|${a}`))[0];
        out.delete(keep);
      }
    }
    for (const a of out) heldOut.push({ alias: a, code: r.code });
    training.set(r.code, [...(training.get(r.code) ?? []), ...aliases.filter((a) => !out.has(a))]);
  }
  const heldOutTexts = new Set(heldOut.map((h) => h.alias));
  for (const [code, list] of training)
    training.set(
      code,
      list.filter((a) => !heldOutTexts.has(a)),
    );
  return { heldOut, training, heldOutTexts };
}

export function readOccupations(file = 'matching/data/occupations.json'): OccupationRow[] {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as OccupationRow[];
}
