// What the engine understood of a search, in a few words a worker can check at a glance:
// "焊工·广州·1万以上", "日结零工·县城", "保洁·离家近·包吃住".
import type { Gazetteer } from '../matching/geo.ts';
import type { QueryIntent } from '../matching/types.ts';
import { shortPlace } from './job-card.ts';
import { firstChars } from '../lib/reading.ts';
import { everydayName } from './words/trade-names.ts';

const TYPE_WORD: Record<string, string> = { gig: '日结零工', training: '培训', homework: '在家做', public_welfare: '公益岗', fulltime: '长期工' };

const money = (n: number) => (n >= 10000 ? `${Number((n / 10000).toFixed(1))}万` : String(n));

export function summarise(intent: QueryIntent, gaz: Gazetteer, homeTown: string | null): string {
  const parts: string[] = [];
  const trades = intent.trades.filter((t) => !t.guessed).sort((a, b) => b.weight - a.weight);
  // One word that stands for several trades (进厂, 工地) is said as the worker said it.
  const codesOf = (term: string) => trades.filter((t) => t.term === term).length;
  const named = [...new Set(trades.map((t) => (codesOf(t.term) > 1 ? t.term : (everydayName(t.code) ?? t.term))).filter(Boolean))];
  if (named.length) parts.push(named.slice(0, 2).join('/'));
  else if (intent.trades.length) parts.push(`${intent.trades[0].term || '你说的活'}？`);
  if (intent.type && (intent.type !== 'fulltime' || !parts.length)) parts.push(TYPE_WORD[intent.type]);
  const w = intent.place;
  if (w.kind === 'region') parts.push([...new Set(w.places.map((p) => shortPlace(p, gaz)))].slice(0, 2).join('/'));
  else if (w.kind === 'near') parts.push(homeTown && w.center.name === homeTown ? '离家近' : `${shortPlace(w.center, gaz)}附近`);
  if (intent.wageFloor !== null) parts.push(`${money(intent.wageFloor)}以上`);
  if (intent.boardAndLodging) parts.push('包吃住');
  if (intent.needs.light) parts.push('轻活');
  if (intent.needs.seated) parts.push('坐着干');
  if (intent.needs.flexible) parts.push('时间活');
  if (intent.needs.noLiteracy) parts.push('不用识字');
  if (intent.age !== null) parts.push(`${intent.age}岁`);
  if (intent.exclude.nightShift) parts.push('不上夜班');
  if (!parts.length) parts.push('所有的活');
  return firstChars(parts.join('·'), 22);
}
