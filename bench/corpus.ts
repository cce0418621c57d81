// Synthetic corpora for the matcher benchmark: the 407 raw postings of the development set,
// varied (employer, place, wage) into as many as asked, and worker queries built from the
// phrases workers use. Deterministic: a fixed seed.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RawPosting } from '../matching/types.ts';

const SEED_POSTINGS = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'prisma', 'seed', 'postings.jsonl');

export function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

const PLACES = [
  '惠水县',
  '惠水县好花红镇',
  '惠水县摆金镇',
  '长顺县',
  '龙里县',
  '都匀市',
  '贵阳观山湖区',
  '贵阳白云区',
  '贵阳花溪区',
  '凯里市',
  '广州荔湾区',
  '广州白云区',
  '广州番禺区',
  '广州黄埔区',
  '佛山南海区',
  '东莞长安镇',
  '深圳宝安区',
  '惠州仲恺',
  '惠州惠阳区',
  '潮州潮安区',
  '中山小榄镇',
  '江门蓬江区',
];
const EMPLOYER_KINDS = ['有限公司', '实业公司', '制造厂', '服务中心', '劳务合作社', '科技公司', '餐饮店', '建筑公司'];

export function corpus(n: number, seed = 7): RawPosting[] {
  const base = fs
    .readFileSync(SEED_POSTINGS, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RawPosting);
  const r = rng(seed);
  const out: RawPosting[] = [];
  for (let i = 0; i < n; i++) {
    const b = base[i % base.length];
    const factor = 0.8 + r() * 0.5;
    const scale = (t: string) => t.replace(/\d{3,5}/g, (m) => String(Math.round((Number(m) * factor) / 100) * 100 || Number(m)));
    const place = (i < base.length ? b.location : PLACES[Math.floor(r() * PLACES.length)]) ?? '';
    out.push({
      ...b,
      id: `B${String(i + 1).padStart(6, '0')}`,
      employer:
        i < base.length
          ? b.employer
          : `${place.slice(0, 2)}${['宏', '盛', '达', '兴', '华', '泰', '源', '丰'][i % 8]}${EMPLOYER_KINDS[Math.floor(r() * EMPLOYER_KINDS.length)]}${i}`,
      location: place,
      wage_text: i < base.length ? b.wage_text : scale(b.wage_text ?? ''),
      description: i < base.length ? b.description : scale(b.description ?? ''),
    });
  }
  return out;
}

const TRADES = [
  '焊工',
  '汗工',
  'hangong',
  '电焊',
  '保洁',
  '保吉',
  'baojie',
  '进厂',
  '打螺丝',
  '电子厂',
  '厨师',
  '炒菜',
  '服务员',
  '洗碗',
  '保安',
  '家政',
  '家正',
  '月嫂',
  '带娃',
  '育婴',
  '养老护理',
  '护工',
  '叉车',
  '挖机',
  '货车司机',
  '快递',
  '送外卖',
  '搬运',
  '砌墙',
  '扎钢筋',
  '装修',
  '电工',
  '缝纫',
  '踩车',
  '采茶',
  '刺绣',
  '注塑',
  '陶瓷',
  '包装',
  '质检',
];
const WHERE = ['', '', '广州', '惠州', '县城', '离家近', '龙里', '贵阳', '广东', '不想出省', '好花红附近', 'guangzhou'];
const PAY = ['', '', '', '5000以上', '一万以上', '一天两百', '五千五', '4千以上', '日结'];
// What workers add beyond trade, place and pay: what they rule out, age, needs, English.
const ALSO = ['', '', '', '', '不上夜班', '不要计件', '五十多岁', '不去广东', '包吃住', '腰不好', '要带娃', 'part time', '不识字'];
const HOMES = ['好花红镇', '涟江街道', '摆金镇', '雅水镇', '断杉镇', '芦山镇', '王佑镇', null];

export function queries(n: number, seed = 11): { id: string; text: string; home: string | null }[] {
  const r = rng(seed);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)];
  return Array.from({ length: n }, (_, i) => ({
    id: `BQ${i + 1}`,
    text: [pick(TRADES), pick(WHERE), pick(PAY), pick(ALSO)].filter(Boolean).join(' '),
    home: pick(HOMES),
  }));
}
