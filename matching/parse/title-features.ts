// A job title as the title model reads it: recruitment noise stripped (急招, 包吃住, 日结, pay,
// brackets), the rest cut into segments at separators, each segment into character n-grams.
// Shared by training (scripts/train-title-model.ts) and prediction (title-model.ts), so the two
// can never read text differently.

/** Words that advertise a job rather than name it. Longest first, so 包吃包住 goes before 包吃. */
const NOISE = [
  '高薪诚聘',
  '厂家直招',
  '工厂直招',
  '包吃包住',
  '男女不限',
  '五险一金',
  '当天结算',
  '急招',
  '急聘',
  '诚聘',
  '直招',
  '招聘',
  '高薪',
  '包吃住',
  '包食宿',
  '包住',
  '包吃',
  '日结',
  '周结',
  '月结',
  '当天结',
  '现结',
  '长期',
  '短期',
  '若干',
  '多名',
  '数名',
  '大量',
  '熟手',
  '新手',
  '可带',
  '优先',
  '双休',
  '月薪',
  '底薪',
  '薪资',
  '工资',
  '待遇',
  '面议',
  '上不封顶',
  '提成',
  '加班',
  '补贴',
  '本地',
  '附近',
  '名额',
];
const NOISE_RE = new RegExp(NOISE.join('|'), 'g');
/** Pay and head counts: 8000元, 5k-8k, 250/天, 3名. Digits inside Latin words (B2, A1, 3D) stay. */
const PAY_RE =
  /(?<![A-Za-z])\d+(\.\d+)?\s*[kK千万wW元块]?\s*([-~～至到]\s*\d+(\.\d+)?\s*[kK千万wW元块]?)?\s*(\+|以上|左右)?\s*([/每]\s*)?(个月|月|天|日|小时|时|件|人|名|位)?(?![A-Za-z])/g;
const BRACKETS_RE = /[（(【[〔<《「][^）)】\]〕>》」]*[）)】\]〕>》」]?/g;
const SEPARATORS_RE = /[/／|｜,，、;；+＋\s·•~～!！?？:：。.*#＊-]+/;
/**
 * Rank and address words at a title's end: 车工学徒 is still a lathe job, 电焊师傅 a welding
 * job, 保洁阿姨 a cleaning job.
 */
const ROLE_SUFFIX_RE = /(学徒|徒弟|老师傅|大师傅|师傅|助手|帮手|人员|阿姨|大姐|大叔|大哥|小哥|小妹)$/;

/** The segments of a title that name the work, or the whole title when cleaning leaves nothing. */
export function cleanTitle(title: string): string[] {
  const norm = title.normalize('NFKC').toUpperCase();
  const clean = (text: string) =>
    text
      .replace(NOISE_RE, ' ')
      .replace(PAY_RE, ' ')
      .split(SEPARATORS_RE)
      .map((s) => {
        const bare = s.replace(ROLE_SUFFIX_RE, '');
        return bare.length >= 2 ? bare : s;
      })
      .map((s) => s.replace(/^[招聘男女]+(?=..)/, ''))
      .filter((s) => /[\p{Script=Han}A-Z]/u.test(s) && !/^[工员]$/.test(s));
  // The bracket qualifies (焊工（订单班）, 搬运（日结）); it names the work only when nothing else does.
  const main = clean(norm.replace(BRACKETS_RE, ' '));
  if (main.length) return main;
  const all = clean(norm.replace(/[（()）【】[\]〔〕<>《》「」]/g, ' '));
  return all.length ? all : [norm.trim()].filter(Boolean);
}

/**
 * Features of cleaned segments, L2-normalised: character 1–3-grams (single characters count
 * less), a segment's last one, two and three characters (the head of a Chinese job name is at
 * its end: 车床操作工, 后厨帮工) and its first two, and Latin words whole (CNC, SMT, B2).
 */
export function titleFeatures(segments: string[]): Map<string, number> {
  const f = new Map<string, number>();
  const add = (k: string, v: number) => f.set(k, (f.get(k) ?? 0) + v);
  for (const seg of segments) {
    const chars = [...seg];
    const n = chars.length;
    for (let i = 0; i < n; i++) {
      add(`1${chars[i]}`, 0.5);
      if (i + 2 <= n) add(`2${chars[i]}${chars[i + 1]}`, 1);
      if (i + 3 <= n) add(`3${chars[i]}${chars[i + 1]}${chars[i + 2]}`, 1);
    }
    for (let k = 1; k <= Math.min(3, n); k++) add(`>${chars.slice(n - k).join('')}`, 1);
    if (n >= 2) add(`<${chars[0]}${chars[1]}`, 0.7);
    for (const w of seg.match(/[A-Z][A-Z0-9]*/g) ?? []) add(`L${w}`, 1);
  }
  let norm = 0;
  for (const v of f.values()) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  for (const [k, v] of f) f.set(k, v / norm);
  return f;
}
