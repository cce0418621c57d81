// A worker's circumstances, said in their own words, turned into what they mean for a job:
// caring for a child or an elder → near home, day work, flexible hours (not a nanny job!);
// 腰不好/站不久 → light or seated work; 不识字 → no reading needed; 固定工资 → not piece rate;
// 白天班 → no night shift; 每天回家 → near home and not live-in.
import type { Needs } from '../types.ts';
import { noNeeds } from '../types.ts';

export interface NeedsReading {
  needs: Needs;
  nearHome: boolean;
  dayShift: boolean;
  notLiveIn: boolean;
  fixedSalary: boolean;
  boardAndLodging: boolean;
  /** Text the needs were read from: not to be read again as trades or places. */
  spans: [number, number][];
}

const FAMILY = '(屋头|屋里|家里|家头|家中|我家|自家|自己家|家)';
const DEPENDANT = '(老人|老的|娃娃|娃儿|娃|孩子|小孩|小娃|宝宝|病人|老公|婆婆|公公|爸妈|父母|老妈|老爸)';
const CARE = '(照顾|照看|看|带|接送|守|陪|管)';

// Caring for one's own family: a marker of family, obligation or constraint around the care words.
const OWN_CARE = [
  new RegExp(`${FAMILY}(有|还有|要)?${DEPENDANT}(要|需要|得)?${CARE}?`),
  new RegExp(`(要|得|需要|还要|回家|在家|每天)${CARE}${FAMILY}?${DEPENDANT}`),
  new RegExp(`${CARE}${FAMILY}${DEPENDANT}`),
  new RegExp(`${DEPENDANT}(还)?(小|上学|读书|生病|病了|瘫痪|离不开人)`),
  /走不开|离不开|脱不开身|抽不开身/,
  /接送(娃娃?|孩子|小孩|小娃|学生)/,
];

const LIGHT =
  /不要太累|太累的?(不|干不了|做不了)|不累的?|轻松的?|轻活|轻巧|干不了重活|做不了重活|不能干重活|不能做重活|重活(干不了|做不了|不行|不得行)|不能提重|提不起|腰不好|腰(疼|痛)|身体不好|体力不好|体力差|有病|残疾|腿不好|腿脚不好|脚不方便|腿不方便|站不久|站不了|坐着/;
const SEATED = /坐着|站不久|站不了|脚不方便|腿不方便|腿不好|腿脚不好|残疾/;
const NO_LITERACY =
  /不识字|不认(得|识)字|认不到(几个)?字|字(都)?认不到|字认不得|认(得|识)的字不多|没(有)?文化|莫得文化|没得文化|文化(低|不高|少|水平低)|没读过书|没上过学|没念过书|不会写字|不会认字|小学(都)?没(毕业|读完)|文盲/;
const FIXED = /固定工资|死工资|保底|不要计件|不做计件|不想计件|不搞计件|底薪(高|要高)/;
const DAY_SHIFT = /白天班|白班|长白班|白天上班|白天的|不上夜班|晚上不上班|晚上(要)?(休息|回家)|不要夜班|不做夜班|不想上夜班|不熬夜|不上晚班/;
const DAILY_RETURN =
  /每天(都)?(要|可以|能|得)?回家|天天(要)?回家|当天(要)?回家|晚上(要)?回家|不(想)?住厂|不(想)?住宿舍|不(想)?住外面|不(想)?在外面住|不想出去|不出去|不出远门|不想走远|不要太远|不想跑远|家门口|离家近|近点|近一点|就近/;
const FLEXIBLE = /时间自由|时间灵活|自由(一点|点)|灵活(一点|点)|半天|几个小时|有空(的时候|才)?|空闲|抽空|做一会|下午有空|上午有空|只能做(半天|几个钟|上午|下午)/;
const BOARD = /包吃包住|包吃住|包住|管吃管住|管住|包食宿|吃住/;

export function readNeeds(text: string): NeedsReading {
  const r: NeedsReading = { needs: noNeeds(), nearHome: false, dayShift: false, notLiveIn: false, fixedSalary: false, boardAndLodging: false, spans: [] };
  const mark = (re: RegExp) => {
    const g = new RegExp(re.source, 'g');
    let hit = false;
    for (const m of text.matchAll(g)) {
      r.spans.push([m.index!, m.index! + m[0].length]);
      hit = true;
    }
    return hit;
  };
  if (OWN_CARE.map(mark).some(Boolean)) {
    r.nearHome = true;
    r.dayShift = true;
    r.notLiveIn = true;
    r.needs.flexible = true;
  }
  if (mark(LIGHT)) r.needs.light = true;
  if (SEATED.test(text)) r.needs.seated = true;
  if (mark(NO_LITERACY)) r.needs.noLiteracy = true;
  if (mark(FIXED)) r.fixedSalary = true;
  if (mark(DAY_SHIFT)) r.dayShift = true;
  if (mark(DAILY_RETURN)) {
    r.nearHome = true;
    r.notLiveIn = true;
  }
  if (mark(FLEXIBLE)) r.needs.flexible = true;
  if (BOARD.test(text)) r.boardAndLodging = true;
  return r;
}
