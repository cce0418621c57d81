// Every text a worker reads. Short, plain, one thing at a time; digits and emoji as anchors.
// Budgets (bot/reading.ts): a list of three jobs ≤ 90 visible characters, anything else ≤ 50;
// test/bot/reading-budget.test.ts measures every text here and every reply the scripts produce.
import type { Choice } from './reply.ts';

export const T = {
  greet: '你好！我帮你找工作。\n你会做什么活？点下面，或打字，比如“焊工 广州”。',
  askTrade: '你想做什么活？点下面，或直接打字。',
  notUnderstood: '没太听懂😅 你想做什么活？比如“保洁”“电焊”“进厂”。',
  tooLong: '字太多了，请说短一点，比如“焊工 广州”。',
  empty: '请打几个字，说说你想做什么活。',
  unsupported: '我只认识文字😅 请打字说你想做什么活，比如“保洁”。',
  /** A voice message the channel could not turn into words. */
  voiceUnclear: '没听清😅 请再说一遍，或打字，比如“保洁”。',
  /** A message the service gave up on after repeated failures (it was dead-lettered). */
  gaveUp: '抱歉，这条消息没处理好。请换个说法再发一次。',
  noResults: '暂时没有合适的活。换个地方或工种试试？',
  /** What the matcher let go to find anything: place, wage, kind of work, trade. */
  relaxed: (dropped: ('place' | 'wage' | 'type' | 'trade')[]) =>
    `没有完全合适的，下面${dropped.map((d) => ({ place: '地方', wage: '工资', type: '类型', trade: '工种' })[d]).join('和')}不同：`,
  noBoard: '没有包吃住的，下面的不包：',
  guessed: (word: string) => `你是说“${word}”吗？不是回9。`,
  /** The worker said the guess was wrong: search their words without it. */
  notGuess: (word: string) => `好，不找“${word}”了，按你的原话找。`,
  /** What was searched: a first search, a new one replacing the last, or the last one narrowed. */
  searchHead: (how: 'first' | 'new' | 'refine', summary: string, page: number) =>
    `${{ first: '找', new: '重新找', refine: '只看' }[how]}：${summary}${page > 1 ? `（第${page}页）` : ''}`,
  /** Under a list; 更多 and the other actions are buttons (SMS writes its own line). */
  resultsFoot: '回数字看详情',
  noMore: '没有更多了。换个地方或工种试试？',
  jobFoot: '要报名点1，返回点2。',
  askPlace: '📍想在哪里做？',
  askWage: '💰工资要多少？',
  askHome: '你家在哪个乡镇？点下面，或发位置给我。',
  homeSaved: (town: string) => `记住了，你家在${town}。`,
  notInCounty: '你好像不在惠水县，先按县城帮你找。',
  interested: (title: string) => `✅已报名：${title}。`,
  alreadyInterested: (title: string) => `你已经报过名：${title}。`,
  askConsent: '把电话告诉这家公司吗？公司会打给你。',
  consentYes: '好的，公司会尽快联系你。',
  consentNo: '好的，不告诉公司你的电话。',
  askPhone: '请回你的手机号，公司好联系你。',
  badPhone: '手机号好像不对，请再发，比如13812345678。',
  phoneSaved: '记下了，公司会尽快联系你。',
  help: '打字说想做什么活，比如“保洁 县城”。\n回数字选。\n“招聘会”看招聘会。\n“人工”找人。\n“退订”不收消息。',
  alertsOn: '好，有合适的新活告诉你，一天最多一条。回“退订”取消。',
  alertsNeedSearch: '先说说你想做什么活，比如“保洁”，我再帮你留意。',
  stopped: '已退订，不再发消息给你。想恢复回“订阅”。',
  restarted: '已恢复订阅。想找什么活？',
  pickFromList: '请回下面的数字。',
  /** A button from an older message: nothing is done, the newest message has the right ones. */
  staleButton: '这个按钮过时了，请点最新消息里的按钮。',
  noFair: '最近没有招聘会，有了告诉你。',
  fairSubscribed: '✅已报名提醒，开会前一天告诉你。回“退订”取消。',
  fairAlready: '你已经报名了，开会前会提醒你。',
  fairSignedUp: '✅已报名',
  fairConfirmed: '好的，到时见！',
  fairWhen: (name: string, when: string) => `📢${name}\n🕘${when}`,
  fairWhere: (venue: string) => `📍地点：${venue}`,
  fairBuses: (buses: string) => `🚌免费班车：${buses}`,
  fairNoBus: '这场没有班车。路费补贴问“交通补贴”。',
  fairBring: (what: string) => `带上：${what}`,
  fairBringDefault: '带上身份证。有证书、简历也带上。',
  deleted: '你的信息已删除。想找工作随时发消息。',
  confirmDelete: '确定删除你的全部信息吗？删了不能恢复。',
  keptData: '好的，没有删除。',
  /** Two misunderstandings in a row: offer a person. */
  offerHuman: '还是没听懂😅 要找工作人员帮你吗？',
  handedOver: (when: string) => `好的，已告诉工作人员，${when}回你。`,
  handOverUnavailable: '现在没法转人工。请到县就业局窗口问。',
  humanDeclined: '好的。你想做什么活？点下面，或打字。',
  waitingStaff: '工作人员会回你，请稍等。也可以接着找活。',
  /** "I need a job" and the like: ask which work. */
  whichWork: '好！你想做什么活？点下面，或打字。',
} as const;

export const TRADE_MENU: { choice: Choice; query: string }[] = [
  { choice: { id: '1', label: '🏭进厂' }, query: '进厂' },
  { choice: { id: '2', label: '🧱工地' }, query: '工地' },
  { choice: { id: '3', label: '🧹保洁家政' }, query: '保洁 家政' },
  { choice: { id: '4', label: '🍳饭店厨房' }, query: '厨师 服务员' },
  { choice: { id: '5', label: '🚚司机' }, query: '货车司机' },
  { choice: { id: '6', label: '⏱日结零工' }, query: '日结' },
];

export const PLACE_MENU: { choice: Choice; phrase: string }[] = [
  { choice: { id: '1', label: '🏠离家近' }, phrase: '离家近' },
  { choice: { id: '2', label: '惠水县城' }, phrase: '县城' },
  { choice: { id: '3', label: '贵阳' }, phrase: '贵阳' },
  { choice: { id: '4', label: '广东' }, phrase: '广东' },
  { choice: { id: '5', label: '哪里都行' }, phrase: '' },
];

export const WAGE_MENU: { choice: Choice; phrase: string }[] = [
  { choice: { id: '1', label: '3000以上' }, phrase: '3000以上' },
  { choice: { id: '2', label: '5000以上' }, phrase: '5000以上' },
  { choice: { id: '3', label: '8000以上' }, phrase: '8000以上' },
  { choice: { id: '4', label: '不限' }, phrase: '' },
];

/** Under a result list: one meaning per digit, the same on every page. */
export const RESULT_ACTIONS: Choice[] = [
  { id: '4', label: '➡️更多' },
  { id: '7', label: '🔧换工种' },
  { id: '5', label: '📍换地方' },
  { id: '6', label: '💰换工资' },
];

export const JOB_ACTIONS: Choice[] = [
  { id: '1', label: '✅我要报名' },
  { id: '2', label: '↩️返回' },
];

export const CONSENT_CHOICES: Choice[] = [
  { id: '1', label: '✅同意' },
  { id: '2', label: '❌不同意' },
];

export const HUMAN_CHOICES: Choice[] = [
  { id: '1', label: '👩找工作人员' },
  { id: '2', label: '不用' },
];
