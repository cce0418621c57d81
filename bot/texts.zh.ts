// Every text a worker reads. Short, plain, one thing at a time; digits and emoji as anchors.
import type { Choice } from './reply.ts';

export const T = {
  greet: '你好！我是惠水就业助手，帮你找工作。\n你会做什么活？点下面，或直接打字，比如“焊工 广州 6000”。',
  askTrade: '你想做什么活？点下面，或直接打字告诉我。',
  notUnderstood: '没太听懂😅 请说说你想做什么活，比如“保洁”“电焊”“进厂”。',
  tooLong: '字太多了，请说短一点，比如“焊工 广州 6000”。',
  empty: '请打几个字，告诉我你想做什么活。',
  unsupported: '我现在只认识文字😅 请打字告诉我你想做什么活，比如“保洁”。',
  /** A message the service gave up on after repeated failures (it was dead-lettered). */
  gaveUp: '抱歉，这条消息我没能处理。请换个说法再发一次，或发 /help。',
  noResults: '暂时没有找到合适的活。可以换个地方或工种再试试。',
  relaxed: (dropped: ('place' | 'wage' | 'type' | 'trade')[]) =>
    `你要的这种活暂时没有，下面是${dropped.map((d) => ({ place: '地方', wage: '工资', type: '类型', trade: '工种' })[d]).join('和')}不一样的：\n`,
  guessed: (word: string) => `你是说“${word}”吗？不是就回9。\n`,
  /** The worker said the guess was wrong: search their words without it. */
  notGuess: (word: string) => `好的，不找“${word}”了，按你的原话找。`,
  resultsHead: (n: number, capped: boolean) => (capped ? `找到${n}多个活，最合适的：` : `找到${n}个活：`),
  resultsFoot: '回复数字报名，4看更多。',
  noMore: '没有更多了。可以换个地方或工种再试。',
  askPlace: '📍想在哪里做？',
  askWage: '💰工资要多少？',
  askHome: '你家在哪个乡镇？点下面，或发位置给我。',
  homeSaved: (town: string) => `记住了，你家在${town}。`,
  interested: (title: string, employer: string) => `✅已帮你报名：${title}（${employer}）。`,
  alreadyInterested: (title: string) => `你已经报过名：${title}。`,
  askConsent: '把你的电话告诉这家公司吗？公司会打电话给你。',
  consentYes: '好的，公司会尽快联系你。',
  consentNo: '好的，不告诉公司你的电话。',
  askPhone: '请回复你的手机号，公司好联系你。',
  badPhone: '手机号好像不对，请再发一次，比如 13812345678。',
  phoneSaved: '好的，记下了。公司会尽快联系你。',
  help: '我帮你找工作：\n直接打字说想做什么活，比如“保洁 县城”“焊工 广州 6000”。\n回复数字选择。\n“招聘会”看最近的招聘会。\n“提醒我”有新活告诉你。\n“退订”不再收消息。',
  alertsOn: '好的，有适合你的新活会告诉你，一天最多一条。回复“退订”可取消。',
  alertsNeedSearch: '先告诉我你想做什么活，比如“保洁”，我再帮你留意新活。',
  stopped: '已退订，不再给你发消息。想恢复请回复“订阅”。',
  restarted: '已恢复订阅。想找什么活？',
  pickFromList: '请回复下面的数字。',
  noFair: '最近没有招聘会。有了会告诉你。',
  fairSubscribed: (name: string) => `✅已报名“${name}”，开会前会提醒你。回复“退订”可取消。`,
  fairAlready: '你已经报名了这场招聘会。',
  fairConfirmed: '好的，到时见！',
  fairJobs: (n: number) => `这场招聘会有${n}个你可能想做的活：`,
  deleted: '你的信息已删除。想再找工作随时发消息给我。',
  confirmDelete: '确定删除你的全部信息吗？删除后不能恢复。',
  keptData: '好的，没有删除。',
} as const;

export const TRADE_MENU: { choice: Choice; query: string }[] = [
  { choice: { id: '1', label: '🏭进厂普工' }, query: '进厂' },
  { choice: { id: '2', label: '🧱建筑工地' }, query: '建筑小工' },
  { choice: { id: '3', label: '🧹保洁家政' }, query: '保洁 家政' },
  { choice: { id: '4', label: '🍳餐饮厨房' }, query: '厨师 服务员' },
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

export const RESULT_ACTIONS: Choice[] = [
  { id: '4', label: '➡️更多' },
  { id: '5', label: '📍换地方' },
  { id: '6', label: '💰工资' },
  { id: '0', label: '🔄重新找' },
];

export const CONSENT_CHOICES: Choice[] = [
  { id: '1', label: '✅同意' },
  { id: '2', label: '❌不同意' },
];
