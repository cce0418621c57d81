// Telling recruiters about interested workers. Notices go to the recruiter's linked Telegram chat
// or phone, through the outbox. Several candidates arriving close together become one digest:
// while a recruiter's notice is still waiting to go out, a new candidate is added to it.

import { enqueue } from '../delivery/outbox.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';
import { consentedEmployerIds } from './summary.ts';

/** How long a notice waits for more candidates (and for the worker's consent to share the phone). */
export const DIGEST_WINDOW_MS = 20_000;

export class RecruiterNotices {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly occupationName: (code: string) => string | null,
  ) {}

  /** A worker showed interest or gave consent: put it in each linked recruiter's next notice. */
  async interestChanged(interestId: number): Promise<number> {
    const interest = await this.db.interest.findUnique({ where: { id: interestId }, include: { posting: true } });
    if (!interest) return 0;
    const recruiters = await this.db.user.findMany({
      where: { role: 'recruiter', employerId: interest.posting.employerId, OR: [{ telegramChatId: { not: null } }, { phone: { not: null } }] },
    });
    for (const r of recruiters) {
      const channel = r.telegramChatId ? 'telegram' : 'sms';
      const recipient = (r.telegramChatId ?? r.phone)!;
      const topic = `recruiter:${r.id}`;
      const pending = await this.db.outboundMessage.findFirst({ where: { topic, state: 'queued' }, orderBy: { id: 'desc' } });
      const ids = new Set<number>(pending ? (JSON.parse(pending.payload).interestIds as number[]) : []);
      ids.add(interestId);
      const body = await this.render([...ids]);
      if (pending) {
        // Only while it is still queued: a notice already claimed by a sender is left alone.
        const updated = await this.db.outboundMessage.updateMany({
          where: { id: pending.id, state: 'queued' },
          data: { body, payload: JSON.stringify({ interestIds: [...ids] }) },
        });
        if (updated.count) {
          await this.mention(pending.id, [...ids]);
          continue;
        }
      }
      const key = `${topic}:${interestId}:${interest.consent}`;
      await enqueue(this.db, this.clock, [
        {
          idempotencyKey: key,
          channel,
          recipient,
          body,
          kind: 'digest',
          topic,
          payload: { interestIds: [interestId] },
          notBefore: new Date(this.clock.now().getTime() + DIGEST_WINDOW_MS),
        },
      ]);
      const row = await this.db.outboundMessage.findUnique({ where: { idempotencyKey: key }, select: { id: true, payload: true } });
      if (row) await this.mention(row.id, JSON.parse(row.payload).interestIds ?? []);
    }
    return recruiters.length;
  }

  /** Records who a notice names, so that a worker's deletion request can find their line in it. */
  private async mention(messageId: number, interestIds: number[]): Promise<void> {
    const known = new Set((await this.db.outboundMention.findMany({ where: { messageId }, select: { interestId: true } })).map((m) => m.interestId));
    const fresh = await this.db.interest.findMany({ where: { id: { in: interestIds.filter((i) => !known.has(i)) } }, select: { id: true, workerId: true } });
    for (const i of fresh) {
      await this.db.outboundMention.upsert({
        where: { messageId_interestId: { messageId, interestId: i.id } },
        create: { messageId, interestId: i.id, workerId: i.workerId },
        update: {},
      });
    }
  }

  /** The notice text, with each candidate's phone only where the worker consented. */
  async render(interestIds: number[]): Promise<string> {
    const rows = (await this.db.interest.findMany({ where: { id: { in: interestIds } }, include: { posting: true, worker: true }, orderBy: { id: 'asc' } })).filter(
      (i) => !i.worker.deletedAt,
    );
    const lines: string[] = [`【惠水就业】${rows.length}位求职者想来你们单位：`];
    // Each candidate's line starts "#<interest id> ": a deletion request finds and empties it by that.
    for (const i of rows) {
      const consent = await consentedEmployerIds(this.db, i.workerId);
      const trades = (JSON.parse(i.worker.trades) as string[]).map(this.occupationName).filter(Boolean).slice(0, 2).join('/');
      const parts = [`#${i.id} ${i.posting.title}`, trades && `会${trades}`, i.worker.homeTown, i.worker.wageFloor && `要${i.worker.wageFloor}以上`];
      parts.push(consent.has(i.posting.employerId) && i.worker.phone ? `电话${i.worker.phone}` : '电话待本人同意');
      lines.push(parts.filter(Boolean).join('，'));
    }
    lines.push('回复“联系 编号”“录用 编号”“不合适 编号”，如：录用 ' + (rows[0]?.id ?? 1));
    return lines.join('\n');
  }
}
