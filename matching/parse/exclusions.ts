// What a worker rules out: 不要计件, 不去潮州, 不上夜班, 不住家, 不要公益岗, 工地的活不去,
// 不做饭馆的. A negation word scopes over the words after it up to the next pause (or, put
// after, over the clause before it), and whatever that scope names — a place, a shift, housing,
// a pay type, a job type or a trade — is excluded. Scopes are handed back so that the positive
// parsers do not read 潮州 in 不去潮州 as a wish to go there.
import type { Gazetteer } from '../geo.ts';
import type { Exclusions, JobType, Place } from '../types.ts';
import { noExclusions } from '../types.ts';
import type { TradeLexicon } from './occupation.ts';
import { findPlaceMentions } from './place.ts';

export interface ExclusionReading {
  exclude: Exclusions;
  /** 不想出去, 不出省: stay near home or in the province. */
  stayHome: boolean;
  stayInProvince: boolean;
  spans: [number, number][];
}

// 别的 (other) and 莫得 (have not) are not negations of what follows.
const BEFORE = /(不要|不想|不去|不做|不干|不搞|不上|不住|不当|不找|不接受|不考虑|不喜欢|不愿意?|不能|不会去|别(?![的人处家])|莫要|莫(?!得)|拒绝|除了|不是)/g;
// A trailing negation ends its clause: 工地的活不去. (保洁的活不要太远 is not one.)
const AFTER = /([^\s，。,;；!！?？]{1,10}?)(的活|的工作|的)?(不去|不做|不干|不要|不行|不考虑|不得行|莫得兴趣|算了|免了|不来)(?=[\s，。,;；!！?？了啊哈的]|$)/g;
// A pause ends a scope: a space or punctuation, or a word that turns to what the worker does want.
// Voice run-ons have no pauses, so a scope also ends at the small words that start the next
// thought (的, 在, 要, 想, 那边…); the word right after the negation (去 in 不去潮州) never ends it.
const SCOPE_END = /[\s，。,;；!！?？]|但|只要|只想|想要|想做|想找|要做|都行|也行|可以|还有|其他|别的|以外|之外|的|在|去|到|要|想|找|那边|这边|了|吧|嘛|啊|呢|就|太/;

/** Words for working in general, which name no trade to rule out. */
const GENERIC = new Set(['上班', '打工', '干活', '做事', '工作', '活路', '手工']);

const TYPE_WORDS: [RegExp, JobType][] = [
  [/公益/, 'public_welfare'],
  [/日结|零工|临时|短工|点工/, 'gig'],
  [/培训|学徒|学习/, 'training'],
  [/外发|在家做|手工活/, 'homework'],
];

export function readExclusions(text: string, gaz: Gazetteer, lex: TradeLexicon): ExclusionReading {
  const r: ExclusionReading = { exclude: noExclusions(), stayHome: false, stayInProvince: false, spans: [] };
  // [start of the cue, end of the scope, start of the words the cue scopes over]
  const scopes: [number, number, number][] = [];
  // Where trailing negations stand, so that 不去 in 工地的活不去 is not read again as leading.
  const trailing = new Set<number>();
  for (const m of text.matchAll(AFTER)) {
    // The clause before a trailing 不去/不做: from the last pause to the negation.
    const clause = m[1];
    const start = m.index! + m[0].length - m[3].length - (m[2]?.length ?? 0) - clause.length;
    if (/^(不|要|想)/.test(clause)) continue; // 不要不要, 想要不要: not a scope
    scopes.push([start, m.index! + m[0].length, start]);
    trailing.add(m.index! + m[0].length - m[3].length);
  }
  for (const m of text.matchAll(BEFORE)) {
    if (trailing.has(m.index!)) continue; // 工地的活不去: already read as a trailing negation
    let from = m.index! + m[0].length;
    while (text[from] === ' ') from++; // "不要 夜班" (from English "no night shift")
    const rest = text.slice(from, from + 12);
    const stop = rest.slice(1).search(SCOPE_END);
    const to = from + (stop < 0 ? rest.length : stop + 1);
    // 不想出去 / 不出省 name no thing; they are wishes to stay.
    if (/^(出去|走远|出远门|外出|出门)/.test(rest)) r.stayHome = true;
    if (/^(出省|去外省|去省外)/.test(rest)) r.stayInProvince = true;
    scopes.push([m.index!, to, from]);
  }
  for (const [a, b, words] of scopes) {
    const scope = text.slice(a, b);
    const named = text.slice(words, b);
    // 不想住厂里 / 不住外面: about where to sleep (a need), not about factories.
    let attribute = /^住|住(厂|宿舍|外面|工地)/.test(named);
    // 晚上不想上班: the time said just before the negation is what is ruled out.
    if (/晚上|夜里|夜间|半夜/.test(text.slice(Math.max(0, a - 3), a)) && /上班|做|干|上/.test(scope)) {
      r.exclude.nightShift = true;
      attribute = true;
    }
    if (/夜班|晚班|倒班|通宵|熬夜|夜里|晚上(的)?班/.test(scope)) r.exclude.nightShift = attribute = true;
    if (/住家|上户|住雇主家|住别人家/.test(scope)) r.exclude.liveIn = attribute = true;
    if (/计件|按件|按量|按斤|提成/.test(scope)) r.exclude.pieceRate = attribute = true;
    for (const [re, type] of TYPE_WORDS) if (re.test(scope) && !r.exclude.types.includes(type)) r.exclude.types.push(type), (attribute = true);
    const places: Place[] = findPlaceMentions(gaz, named).map((p) => gaz.preferred(p.candidates));
    if (/外省|省外/.test(scope)) r.stayInProvince = true;
    r.exclude.places.push(...places);
    // A trade is excluded only when the scope qualifies nothing else (不要住家保姆 rules out
    // living in, not domestic work).
    if (!attribute && !places.length)
      for (const h of lex.exactHits(named)) {
        if (GENERIC.has(h.term)) continue; // 不想上班 rules out nothing in particular
        for (const code of h.codes.keys()) if (!r.exclude.trades.includes(code)) r.exclude.trades.push(code);
      }
    r.spans.push([a, b]);
  }
  return r;
}
