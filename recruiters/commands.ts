// A recruiter replying to a notice on Telegram or SMS: "录用 12", "联系 12", "不合适 12".
// Messages from a recruiter's linked chat or phone come here instead of the worker conversation.
import type { Reply } from '../bot/reply.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { DecisionError, decide, type Status } from './decisions.ts';

const WORDS: [RegExp, Status][] = [
  [/^(录用|聘用|要了|要他|要她|hire)\s*#?(\d+)$/i, 'hired'],
  [/^(联系|已联系|联系了|contacted)\s*#?(\d+)$/i, 'contacted'],
  [/^(不合适|不要|不用|reject)\s*#?(\d+)$/i, 'not_suitable'],
];

export class RecruiterCommands {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Replies when the sender is a recruiter; null when it is not (then it is a worker). */
  async handle(channel: string, address: string, text: string): Promise<Reply[] | null> {
    const user = await this.db.user.findFirst({
      where: { role: 'recruiter', ...(channel === 'telegram' ? { telegramChatId: address } : channel === 'sms' ? { phone: address } : { id: -1 }) },
    });
    if (!user) return null;
    const t = text.normalize('NFKC').trim();
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
    return [{ text: '招聘方回复格式：“联系 12”“录用 12”“不合适 12”（12是通知里的编号）。' }];
  }
}
