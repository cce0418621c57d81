// Words that work anywhere in a conversation, whatever step it is in. Case- and width-insensitive
// (ＳＴＯＰ, stop, Stop are the same), surrounding punctuation ignored.

export type Keyword = 'stop' | 'start' | 'help' | 'menu' | 'more' | 'fair' | 'delete' | 'home' | 'confirm' | 'alerts' | 'human' | 'job';

const WORDS: [Keyword, RegExp][] = [
  ['stop', /^(STOP|STOPALL|UNSUBSCRIBE|CANCEL|END|QUIT|TD|退订|退定|取消订阅|不要再发|别发了|\/STOP)$/],
  ['start', /^(START|UNSTOP|订阅|恢复订阅|恢复)$/],
  ['help', /^(HELP|INFO|帮助|怎么用|\?|\/HELP)$/],
  ['menu', /^(\/START|菜单|重新找|重新|找工作|找活|你好|您好|HI|HELLO|0)$/],
  ['more', /^(更多|下一页|还有吗|还有没有|再来)$/],
  ['fair', /^(招聘会|\/FAIR|\/FAIRS|有没有招聘会)$/],
  ['delete', /^(删除我的信息|删除信息|删除我的资料|\/DELETE)$/],
  ['home', /^(我家在哪|设置家|改家乡|\/HOME)$/],
  ['alerts', /^(有新活告诉我|有新活通知我|有活通知我|有活告诉我|通知我|提醒我|新活提醒)$/],
  ['confirm', /^(去|会去|我去|我会去|参加|确认|一定去|确认参加|要去)$/],
  ['human', /^(我?(要|想)?(找|转|要)?(人工|真人|工作人员|客服|人工客服)(服务)?|找人|有人吗|找个人|找人问问)$/],
  // "I want a job", in any words or letters: which work is the next question, not the last list.
  [
    'job',
    /^(我?(要|想)?(找|找个|找份|要个|要份)(工作|活|活干|活路|事做|事情做|工做|班上)|有(什么|啥)?(工作|活)(吗|没有|做吗)?|(WO)?(YAO|XIANG)?ZHAO(GE|FEN)?(GONGZUO|HUO)|I(NEED|WANT)A?(JOB|WORK)|(LOOKINGFOR|FIND)A?(JOB|WORK)|JOBS?|WORK)$/,
  ],
];

export function normaliseKeyword(text: string): string {
  return text
    .normalize('NFKC')
    .trim()
    .replace(/^[\s.,!。，！~]+|[\s.,!。，！~]+$/g, '')
    .toUpperCase();
}

export function keywordOf(text: string): Keyword | null {
  // Spaces do not matter: "woyao zhao gongzuo", "I need a job", "退 订".
  const t = normaliseKeyword(text).replace(/\s+/g, '');
  if (t.length > 20) return null;
  for (const [k, re] of WORDS) if (re.test(t)) return k;
  return null;
}

/** A single choice digit (full-width digits and circled numbers count): "１" → "1". */
export function digitOf(text: string): string | null {
  const t = text
    .normalize('NFKC')
    .trim()
    .replace(/[\uFE0F\u20E3]/g, '')
    .replace(/[.。、,，号]$/, '');
  const circled = t.length === 1 ? '①②③④⑤⑥⑦⑧⑨'.indexOf(t) : -1;
  if (circled >= 0) return String(circled + 1);
  return /^\d{1,2}$/.test(t) ? String(Number(t)) : null;
}
