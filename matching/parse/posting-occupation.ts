// The occupation of a posting, from two readers of its words. The lexicon (occupation.ts) knows
// the everyday trade words and is right when a title names a trade, so its confident answer
// comes first. The title model (title-model.ts) has learnt the whole classification and reads
// titles the lexicon has no word for (酒店后厨帮工, CNC数控车床操作工学徒); it speaks only when
// the lexicon found nothing in the title or only a word that suggests a trade (普工, 小工), and
// only when it is fairly sure. Otherwise the lexicon's weak answer stands, or none (and the
// posting reader may still guess from the embedding).
import type { Occupation } from '../types.ts';
import type { TradeLexicon } from './occupation.ts';
import type { TitleModel } from './title-model.ts';

/**
 * The title model's least probability to be used. Chosen on the title evaluation
 * (npm run eval:titles): above it, most held-out aliases' first guesses are right.
 */
export const TITLE_MODEL_MIN_P = 0.5;

/** A title word at this weight names the trade (lexicon.ts: 1 = names it, 0.9 = a CSCO alias). */
const NAMED = 0.9;

export function postingOccupation(lexicon: TradeLexicon, titles: TitleModel | null, title: string, description = ''): Occupation | null {
  const [best] = lexicon.rank(title, description);
  if (best && best.titleWeight >= NAMED) return lexicon.occupation(best.code);
  const [guess] = titles?.predict(title, 1) ?? [];
  if (guess && guess.p >= TITLE_MODEL_MIN_P) {
    const o = lexicon.occupation(guess.code);
    if (o) return o;
  }
  return best ? lexicon.occupation(best.code) : null;
}
