// Linking a recruiter's phone or Telegram chat. Candidate notices (with workers' phones) go to the
// linked address and its "录用 12" replies count as the recruiter's, so the address must be
// theirs: a 6-digit code goes there through the outbox, and only someone who holds that phone or
// chat can echo it back (over the API, or by replying it from there). An address a job seeker
// uses is never linked: their messages must stay theirs.
import crypto from 'node:crypto';
import type { User } from '@prisma/client';
import type { Reply } from '../bot/reply.ts';
import { enqueue } from '../delivery/outbox.ts';
import type { Clock } from '../lib/clock.ts';
import type { Db } from '../prisma/db.ts';

export const CODE_TTL_MS = 10 * 60_000;
/** Wrong guesses allowed per code: with 5 of 1,000,000 a guess almost never lands. */
export const MAX_ATTEMPTS = 5;
/** Codes a user may ask for in a day: bounds both guessing and texts sent to someone else's phone. */
export const MAX_STARTS_PER_DAY = 5;
const DAY_MS = 86_400_000;

export type ContactChannel = 'sms' | 'telegram';
const FIELD = { sms: 'phone', telegram: 'telegramChatId' } as const;
const NAME = { sms: '手机号', telegram: 'Telegram' } as const;

export class VerificationError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The same, for the person reading it on their phone. */
    readonly zh: string,
  ) {
    super(message);
  }
}

// A 6-digit code has little entropy: the hash keeps it out of a database dump's plain sight, the
// expiry and the attempt limit are what protect it.
const hashCode = (code: string, salt: string) => crypto.createHmac('sha256', salt).update(code).digest('hex');

function sameCode(code: string, v: { codeHash: string; salt: string }): boolean {
  return crypto.timingSafeEqual(Buffer.from(hashCode(code, v.salt), 'hex'), Buffer.from(v.codeHash, 'hex'));
}

export class ContactVerifications {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    /** Channels this server can send on; a code that could not be delivered is not started. */
    private readonly channels: readonly string[] = [],
  ) {}

  /** Sends a new code to the address; the user links it by echoing the code. */
  async start(user: User, channel: ContactChannel, address: string): Promise<{ channel: ContactChannel; address: string; expiresAt: Date }> {
    const { db, clock } = this;
    if (!this.channels.includes(channel)) throw new VerificationError(503, `${channel} is not set up on this server`, `服务器没有开通${NAME[channel]}。`);
    if (user[FIELD[channel]] === address) throw new VerificationError(409, `this ${channel} address is already linked to you`, '已经绑定过了。');
    await this.refuseTaken(user.id, channel, address);
    const now = clock.now();
    const dayAgo = new Date(now.getTime() - DAY_MS);
    await db.contactVerification.deleteMany({ where: { userId: user.id, createdAt: { lt: dayAgo } } });
    if ((await db.contactVerification.count({ where: { userId: user.id } })) >= MAX_STARTS_PER_DAY)
      throw new VerificationError(429, `at most ${MAX_STARTS_PER_DAY} codes a day; try again tomorrow`, '今天获取验证码次数太多，请明天再试。');
    // One code at a time: a new one ends the old.
    await db.contactVerification.updateMany({ where: { userId: user.id, expiresAt: { gt: now } }, data: { expiresAt: now } });
    const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');
    const salt = crypto.randomBytes(16).toString('hex');
    const expiresAt = new Date(now.getTime() + CODE_TTL_MS);
    const v = await db.contactVerification.create({ data: { userId: user.id, channel, address, codeHash: hashCode(code, salt), salt, expiresAt, createdAt: now } });
    const employer = user.employerId ? (await db.employer.findUnique({ where: { id: user.employerId } }))?.name : null;
    await enqueue(db, clock, [
      {
        idempotencyKey: `verify:${v.id}`,
        channel,
        recipient: address,
        kind: 'verification', // blanked once sent: the code is not kept in the outbox
        body: `【惠水就业】验证码${code}，10分钟内有效，用于让${employer ?? '招聘方'}的招聘通知发到这里。是你本人操作就回复这6位数字；不是请忽略，别告诉别人。`,
      },
    ]);
    return { channel, address, expiresAt };
  }

  /** The user echoes the code over the API. */
  async confirm(user: User, code: string): Promise<User> {
    const v = await this.db.contactVerification.findFirst({ where: { userId: user.id }, orderBy: { id: 'desc' } });
    if (!v) throw new VerificationError(404, 'no code was sent: PATCH /api/me with the phone or chat first', '还没有获取验证码。');
    return this.check(v, code);
  }

  /**
   * A 6-digit message from an address someone is linking: the holder echoes the code from there.
   * Null when nobody asked to link this address today (then the message is a worker's as usual).
   */
  async confirmFromAddress(channel: string, address: string, code: string): Promise<Reply | null> {
    if (channel !== 'sms' && channel !== 'telegram') return null;
    const dayAgo = new Date(this.clock.now().getTime() - DAY_MS);
    const v = await this.db.contactVerification.findFirst({ where: { channel, address, createdAt: { gte: dayAgo } }, orderBy: { id: 'desc' } });
    if (!v) return null;
    try {
      await this.check(v, code);
      return { text: '绑定成功，求职者通知会发到这里。回复“联系 12”“录用 12”“不合适 12”处理（12是通知里的编号）。' };
    } catch (e) {
      if (e instanceof VerificationError) return { text: e.zh };
      throw e;
    }
  }

  /** Which code is waiting for this user, if any. */
  async pending(userId: number): Promise<{ channel: string; address: string; expiresAt: Date } | null> {
    const v = await this.db.contactVerification.findFirst({ where: { userId, expiresAt: { gt: this.clock.now() }, attempts: { lt: MAX_ATTEMPTS } }, orderBy: { id: 'desc' } });
    return v && { channel: v.channel, address: v.address, expiresAt: v.expiresAt };
  }

  private async check(v: { id: number; userId: number; channel: string; address: string; codeHash: string; salt: string; expiresAt: Date }, code: string): Promise<User> {
    const { db } = this;
    if (v.expiresAt <= this.clock.now()) throw new VerificationError(410, 'the code has expired: ask for a new one', '验证码已过期，请在网页上重新获取。');
    // The attempt is counted before the code is compared, in one conditional update, so that
    // parallel guesses cannot get past the limit.
    const counted = await db.contactVerification.updateMany({ where: { id: v.id, attempts: { lt: MAX_ATTEMPTS } }, data: { attempts: { increment: 1 } } });
    if (!counted.count) throw new VerificationError(429, 'too many wrong codes: ask for a new one', '错误次数太多，请在网页上重新获取验证码。');
    if (!sameCode(code, v)) {
      const { attempts } = await db.contactVerification.findUniqueOrThrow({ where: { id: v.id }, select: { attempts: true } });
      const left = Math.max(0, MAX_ATTEMPTS - attempts);
      throw new VerificationError(400, `wrong code (${left} tries left)`, left ? `验证码不对，还可以试${left}次。` : '错误次数太多，请在网页上重新获取验证码。');
    }
    const channel = v.channel as ContactChannel;
    // A job seeker may have started using the address since the code was sent.
    await this.refuseTaken(v.userId, channel, v.address);
    const [user] = await db.$transaction([
      db.user.update({ where: { id: v.userId }, data: { [FIELD[channel]]: v.address } }),
      // Proven: the user's codes have served their purpose (the daily count was against unproven ones).
      db.contactVerification.deleteMany({ where: { userId: v.userId } }),
    ]);
    return user;
  }

  /** Another user's address, or a job seeker's, is not linked. */
  private async refuseTaken(userId: number, channel: ContactChannel, address: string): Promise<void> {
    const other = await this.db.user.findFirst({ where: { [FIELD[channel]]: address, id: { not: userId } }, select: { id: true } });
    if (other) throw new VerificationError(409, `this ${channel} address is linked to another account`, '这个号码已绑定别的招聘账号。');
    // A worker who has looked for work from it (or gave it as their phone). A chat that only said
    // /start is not: on Telegram a recruiter has to open the bot before it can send them anything.
    const seeker = await this.db.worker.findFirst({
      where: {
        deletedAt: null,
        OR: [{ identities: { some: { channel, address } } }, ...(channel === 'sms' ? [{ phone: address }] : [])],
        AND: [{ OR: [{ lastQuery: { not: null } }, { wantsAlerts: true }, { interests: { some: {} } }, { subscriptions: { some: {} } }] }],
      },
      select: { id: true },
    });
    if (seeker)
      throw new VerificationError(
        409,
        `this ${channel} address is used by a job seeker and cannot receive candidate notices (if it is yours and you tried the bot with it, send 删除我的信息 from it first)`,
        '这个号码在用来找工作，不能接收招聘通知。',
      );
  }
}
