// Job type (full-time, gig, training, home-based, public-welfare) from posting text and from
// what a worker asks for.
import { JOB_TYPES, type JobType } from '../types.ts';

const POSTING_SIGNS: [RegExp, JobType][] = [
  [/公益性?岗/, 'public_welfare'],
  [/外发|居家|在家(做|绣)|带回家|领回家|拿回家/, 'homework'],
  [/培训|订单班|学徒班|免费教|包教包会.*(班|培训)/, 'training'],
  [/日结|零工|临时工?|小时工|点工|按天|一天\d|周结/, 'gig'],
];

const QUERY_SIGNS: [RegExp, JobType][] = [
  [/公益/, 'public_welfare'],
  [/拿回家|带回家|领回家|在家(做|里做)?|居家|屋头做|外发|手工活/, 'homework'],
  // Learning a trade: 想学, 学开叉车, 学烧电焊, 考证 (not 学校, a place of work).
  [/想学|学做|学门|学个|学技术|学手艺|培训|学徒|报名学|免费学|订单班|学[开烧炒焊修电车厨理按美剪]|考证|考个证|考[\u4e00-\u9fff]{1,3}证/, 'training'],
  [/日结|零工|临时|今天有活|明天有活|点工|小时工|短工|干一天|周结|现结|兼职|按小时|按天/, 'gig'],
  [/全职|长期/, 'fulltime'],
];

export function postingJobType(declared: string | undefined, text: string): JobType {
  if (declared && (JOB_TYPES as readonly string[]).includes(declared)) return declared as JobType;
  for (const [re, t] of POSTING_SIGNS) if (re.test(text)) return t;
  return 'fulltime';
}

export function queryJobType(text: string): JobType | null {
  for (const [re, t] of QUERY_SIGNS) if (re.test(text)) return t;
  return null;
}
