// A recruiter replying to a notice on Telegram or SMS: "录用 12", "联系 12", "不合适 12"; and the
// code that links a phone or chat to a recruiter, replied from there. Only those are taken out
// of the worker conversation: anything else from a linked address goes to the worker engine, so
// a link (even one made before links needed proof) never silences a job seeker on that number.
import type { Reply } from '../bot/reply.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { DecisionError, decide, type Status } from './decisions.ts';
import { ContactVerifications } from './verification.ts';

const WORDS: [RegExp, Status][] = [
  [/^(录用|聘用|要了|要他|要她|hire)\s*#?(\d+)$/i, 'hired'],
  [/^(联系|已联系|联系了|contacted)\s*#?(\d+)$/i, 'contacted'],
  [/^(不合适|不要|不用|reject)\s*#?(\d+)$/i, 'not_suitable'],
];
/** A command word with a number that did not parse ("录用12号"): the recruiter gets the format. */
const ALMOST = /^(录用|聘用|hire|联系|已联系|contacted|不合适|reject)\s*\S*\d/i;
const HELP = '招聘方回复格式：“联系 12”“录用 12”“不合适 12”（12是通知里的编号）。';

export class RecruiterCommands {
  private readonly verifications: ContactVerifications;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    verifications?: ContactVerifications,
  ) {
    this.verifications = verifications ?? new ContactVerifications(db, clock);
  }

  /** Replies when the message is a recruiter's command or a linking code; null leaves it to the worker engine. */
  async handle(channel: string, address: string, text: string): Promise<Reply[] | null> {
    const t = text.normalize('NFKC').trim();
    if (/^\d{6}$/.test(t)) {
      const r = await this.verifications.confirmFromAddress(channel, address, t);
      if (r) return [r];
    }
    if (channel !== 'telegram' && channel !== 'sms') return null;
    const user = await this.db.user.findFirst({ where: { role: 'recruiter', ...(channel === 'telegram' ? { telegramChatId: address } : { phone: address }) } });
    if (!user) return null;
    for (const [re, status] of WORDS) {
      const m = re.exec(t);
      if (!m) continue;
      try {
        await decide(this.db, this.clock, user, Number(m[2]), status);
        return [{ text: `好的，#${m[2]} 已记为“${{ hired: '录用', contacted: '已联系', not_suitable: '不合适' }[status]}”。求职者会收到通知。` }];
      } catch (e) {
        if (e instanceof DecisionError) return [{ text: e.status === 404 ? `没有编号 #${m[2]} 的求职者。` : `#${m[2]} 不是你们单位的求职者。` }];
        throw e;
      }
    }
    return ALMOST.test(t) ? [{ text: HELP }] : null;
  }
}
