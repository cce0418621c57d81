// A raw posting to the features the ranker uses: trade, place, wage, type.
import type { Gazetteer } from './geo.ts';
import { postingJobType } from './parse/jobtype.ts';
import type { TradeLexicon } from './parse/occupation.ts';
import { resolvePlace } from './parse/place.ts';
import { postingOccupation } from './parse/posting-occupation.ts';
import type { TitleModel } from './parse/title-model.ts';
import { parseWage } from './parse/wage.ts';
import type { PostingFeatures, RawPosting } from './types.ts';

/** `titles`: the title model, for titles the lexicon cannot read (null: the lexicon alone). */
export function postingFeatures(p: RawPosting, gaz: Gazetteer, lex: TradeLexicon, titles: TitleModel | null): PostingFeatures {
  const text = `${p.title} ${p.description ?? ''} ${(p.benefits ?? []).join(' ')}`;
  // The wage field first; recruiters often leave it empty and put the pay in the description.
  const wage = parseWage(p.wage_text) ?? parseWage(p.description?.match(/[^，。,;；]*(\d{3,}|[千万])[^，。,;；]*/)?.[0]);
  return {
    occupation: postingOccupation(lex, titles, p.title, p.description ?? ''),
    place: resolvePlace(gaz, p.location ?? '', { posting: true }) ?? resolvePlace(gaz, `${p.title} ${p.employer}`, { posting: true }),
    wage,
    type: postingJobType(p.type, text),
    boardAndLodging: /包吃住|包食宿|包吃包住/.test(text),
  };
}
