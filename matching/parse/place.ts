// Place mentions in free text (惠州仲恺潼湖, 广州白云区, 惠水县城区, 好花红附近) resolved against the
// gazetteer: the most specific place consistent with every mention, nearest the home region.
import { type Gazetteer, levelRank, within } from '../geo.ts';
import type { Place } from '../types.ts';

// Words that look like place names but are not, in job texts (城区 is not a town; 新区 neither).
const NOT_PLACES = new Set([
  '城区',
  '新区',
  '开发区',
  '工业园',
  '中心',
  '东方',
  '南方',
  '北方',
  '西方',
  '长安',
  '金牌',
  '大工',
  '小工',
  '普工',
  '长白',
  '白班',
  '夜班',
  '包装',
  '家政',
  '保安',
  '保洁',
  '花红',
  '食堂',
  '饭堂',
  '天河',
  '太平',
  '和平',
  '人民',
  '中山',
  '前进',
  '胜利',
  '红旗',
  '五一',
  '新华',
  '城关',
  '城南',
  '城北',
  '城东',
  '城西',
  '江南',
  '河西',
  '工地',
  '车间',
  '石门',
  '高新',
  '都匀市',
]);
// Names that are also everyday words in worker messages; only trusted at full length.
const SHORT_ONLY_FULL = new Set(['长期', '临时', '学徒', '师傅', '南粤', '广绣', '潮绣', '车位', '平车', '凉果', '布依', '茶园', '果园', '石板', '白云', '城关']);

export interface PlaceMention {
  text: string;
  at: number;
  candidates: Place[];
}

/** All place mentions, longest first at each position, not overlapping. */
export function findPlaceMentions(gaz: Gazetteer, text: string): PlaceMention[] {
  const out: PlaceMention[] = [];
  for (let i = 0; i < text.length; ) {
    let found: PlaceMention | null = null;
    for (let len = Math.min(gaz.maxNameLength, text.length - i); len >= 2; len--) {
      const s = text.slice(i, i + len);
      if (NOT_PLACES.has(s)) continue;
      const c = gaz.byName.get(s);
      if (!c) continue;
      // A bare two-character short name that is also a word only counts with a suffix or context.
      const usable = c.filter((p) => s === p.name || !SHORT_ONLY_FULL.has(s));
      if (!usable.length) continue;
      found = { text: s, at: i, candidates: usable };
      break;
    }
    if (found) {
      out.push(found);
      i += found.text.length;
    } else i++;
  }
  return out;
}

function embeddedStranger(gaz: Gazetteer, text: string, m: PlaceMention): boolean {
  const inside = m.at > 0 && /\p{Script=Han}/u.test(text[m.at - 1]);
  return inside && m.candidates.every((p) => p.level === 'town' && p.name !== m.text && p.county !== gaz.home.county);
}

/**
 * The place a text names, or null. Mentions are combined: 广州白云区 is 白云区 in 广州市, 贵阳白云区
 * the one in 贵阳市. A lone name that several places share is the one nearest the home region.
 */
export function resolvePlace(gaz: Gazetteer, text: string, opts: { posting?: boolean } = {}): Place | null {
  let mentions = findPlaceMentions(gaz, text);
  // A posting's location names its place plainly (惠水县好花红镇, 荔湾区海龙街道). A town's short
  // name found inside a longer word of one (惠南高新园 → 新园, a 街道 in 湛江) is another
  // place's name by chance, unless the town is in the home county or another mention backs it.
  if (opts.posting && mentions.length === 1) mentions = mentions.filter((m) => !embeddedStranger(gaz, text, m));
  if (!mentions.length) return null;
  // Nothing supports anything else (惠水经济开发区 → 惠水, 经济开发区): people write the larger
  // place first, so the first mention wins.
  const supported = mentions.some((m) => m.candidates.some((p) => mentions.some((o) => o !== m && o.candidates.some((q) => within(p, q) || within(q, p)))));
  if (!supported) return gaz.preferred(mentions[0].candidates);
  // Score every candidate by how many other mentions contain it (or it them).
  let best: { p: Place; score: number } | null = null;
  for (const m of mentions) {
    for (const p of m.candidates) {
      let support = 0;
      for (const o of mentions) {
        if (o === m) continue;
        if (o.candidates.some((q) => within(p, q) || within(q, p))) support++;
      }
      // Prefer: consistent with the other mentions, then deeper, then nearer home.
      const score = support * 100 + levelRank(p) * 10 - gaz.homeAffinity(p) * 3 - (mentions.length > 1 && support === 0 ? 50 : 0);
      if (!best || score > best.score) best = { p, score };
    }
  }
  return best?.p ?? null;
}
