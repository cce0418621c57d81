// The worker's own data: consent to share the phone, the phone itself, home township, deletion.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { forgottenFields } from '../../delivery/kinds.ts';
import { distanceKm } from '../../matching/geo.ts';
import type { Turn } from '../context.ts';
import type { Reply } from '../reply.ts';
import { RESULT_ACTIONS, T } from '../texts.zh.ts';

/** A Chinese mobile number as written by a worker (138 1234 5678, +86…) in E.164, or null. */
export function toE164(text: string): string | null {
  const digits = text.normalize('NFKC').replace(/[\s-]/g, '');
  const n = parsePhoneNumberFromString(digits, 'CN');
  return n && n.isValid() ? n.number : null;
}

export async function answerConsent(turn: Turn, yes: boolean): Promise<Reply[]> {
  const { db, hooks } = turn.deps;
  const id = turn.state.interestId;
  turn.state.interestId = undefined;
  turn.state.step = 'results';
  if (id === undefined) return [{ text: T.pickFromList, choices: RESULT_ACTIONS }];
  await db.interest.updateMany({ where: { id, workerId: turn.worker.id }, data: { consent: yes ? 'granted' : 'denied' } });
  if (!yes) return [{ text: T.consentNo, choices: RESULT_ACTIONS }];
  if (!turn.worker.phone) {
    turn.state.step = 'ask_phone';
    turn.state.interestId = id;
    return [{ text: T.askPhone }];
  }
  await hooks?.consentGiven?.(id);
  return [{ text: T.consentYes, choices: RESULT_ACTIONS }];
}

export async function answerPhone(turn: Turn, text: string): Promise<Reply[] | null> {
  const phone = toE164(text);
  if (!phone) return /\d{5,}/.test(text) ? [{ text: T.badPhone }] : null;
  await turn.deps.db.worker.update({ where: { id: turn.worker.id }, data: { phone } });
  turn.worker.phone = phone;
  const id = turn.state.interestId;
  turn.state.interestId = undefined;
  turn.state.step = 'results';
  if (id !== undefined) await turn.deps.hooks?.consentGiven?.(id);
  return [{ text: T.phoneSaved, choices: RESULT_ACTIONS }];
}

/** The home county's townships, in the gazetteer's order (the digits of the question below). */
export function homeTowns(turn: Turn): string[] {
  const gaz = turn.deps.jobs.matcher.gazetteer;
  return gaz.places.filter((p) => p.level === 'town' && p.county === gaz.home.county).map((p) => p.name);
}

/** Which township is home: one digit each, or a shared location. */
export function askHome(turn: Turn): Reply[] {
  turn.state.step = 'ask_home';
  return [{ text: T.askHome, choices: homeTowns(turn).map((name, i) => ({ id: String(i + 1), label: name })), requestLocation: true }];
}

/** "我是好花红的", "家在摆金镇", "住雅水": a home township of the home county. */
export function homeFromText(turn: Turn, text: string): string | null {
  const m = /(?:我是|我家在|家在|家住|我住|住在|老家)([\u4e00-\u9fff]{2,5}?)(?:镇|街道|乡|的|人|$)/.exec(text);
  if (!m) return null;
  const town = turn.deps.jobs.matcher.gazetteer.homeTown(m[1]);
  return town?.name ?? null;
}

/** The home-county township nearest a shared location. */
export function homeFromLocation(turn: Turn, loc: { lat: number; lng: number }): string | null {
  const gaz = turn.deps.jobs.matcher.gazetteer;
  const towns = gaz.places.filter((p) => p.level === 'town' && p.county === gaz.home.county);
  let best: { name: string; km: number } | null = null;
  for (const t of towns) {
    const km = distanceKm(t, loc);
    if (!best || km < best.km) best = { name: t.name, km };
  }
  // Somewhere far from the county: keep the nearest town only if the worker is in the county.
  return best && best.km < 40 ? best.name : null;
}

export async function saveHome(turn: Turn, town: string): Promise<void> {
  const p = turn.deps.jobs.matcher.gazetteer.homeTown(town);
  await turn.deps.db.worker.update({ where: { id: turn.worker.id }, data: { homeTown: town, homeLat: p?.lat, homeLng: p?.lng } });
  turn.worker.homeTown = town;
}

/**
 * Forgets the worker: every row that names them, holds what they typed, or leads to their phone,
 * chat or web id is deleted or blanked. What stays is the bare Worker row and their Interest and
 * FairSubscription rows, pointing at it, so that the statistics (interests, consents, hires,
 * fair sign-ups) keep their counts without anyone in them. The answer to this very message is
 * sent afterwards and blanked once sent (webhooks/inbound.ts, delivery/kinds.ts).
 */
export async function deleteWorkerData(turn: Turn): Promise<void> {
  const { db, clock } = turn.deps;
  const id = turn.worker.id;
  const now = clock.now();
  const identities = await db.identity.findMany({ where: { workerId: id }, select: { id: true, channel: true, address: true } });
  const phones = [turn.worker.phone, ...identities.filter((i) => i.channel === 'sms').map((i) => i.address)].filter((p): p is string => !!p);
  const addressed = identities.map((i) => ({ channel: i.channel, recipient: i.address }));
  await db.$transaction(
    async (tx) => {
      await tx.inboundMessage.deleteMany({
        where: {
          OR: [
            { identityId: { in: identities.map((i) => i.id) } },
            // Web messages are named "<session id>:<message id>": found by that name too. The one
            // being answered now is left to the inbound path, which blanks it once handled.
            ...identities.filter((i) => i.channel === 'web').map((i) => ({ channel: 'web', providerId: { startsWith: `${i.address}:` }, handledAt: { not: null } })),
          ],
        },
      });
      // Messages to the worker, on any of their channels, sent or not.
      const toWorker = await tx.outboundMessage.findMany({ where: { OR: [{ workerId: id }, ...addressed] }, select: { id: true, state: true } });
      for (const m of toWorker) {
        await tx.outboundMessage.update({
          where: { id: m.id },
          data: { ...forgottenFields(m.id), ...(m.state === 'queued' ? { state: 'cancelled', lastError: 'worker deleted' } : {}) },
        });
      }
      // Messages about the worker to others: their line in a recruiter's notice goes.
      const mentions = await tx.outboundMention.findMany({ where: { workerId: id } });
      for (const m of mentions) {
        const body = (await tx.outboundMessage.findUniqueOrThrow({ where: { id: m.messageId }, select: { body: true } })).body;
        await tx.outboundMessage.update({ where: { id: m.messageId }, data: { body: withoutCandidate(body, m.interestId, phones) } });
      }
      await tx.outboundMention.deleteMany({ where: { workerId: id } });
      // Hand-overs hold the worker's address and last words, and staff answers written to them.
      await tx.handoverReply.deleteMany({ where: { handover: { workerId: id } } });
      await tx.handover.deleteMany({ where: { workerId: id } });
      await tx.fairSubscription.updateMany({ where: { workerId: id }, data: { recipient: '[deleted]' } });
      // A code someone asked to send to one of the worker's addresses, not yet echoed.
      if (addressed.length) await tx.contactVerification.deleteMany({ where: { OR: identities.map((i) => ({ channel: i.channel, address: i.address })) } });
      await tx.identity.deleteMany({ where: { workerId: id } }); // and with them the conversations
      await tx.worker.update({
        where: { id },
        data: {
          name: null,
          phone: null,
          homeTown: null,
          homeLat: null,
          homeLng: null,
          trades: '[]',
          lastQuery: null,
          wageFloor: null,
          placePref: null,
          wantsAlerts: false,
          alertedUpTo: null,
          optedOut: true,
          optedOutAt: now,
          deletedAt: now,
        },
      });
    },
    { timeout: 30_000, maxWait: 20_000 },
  );
}

/** A notice with the candidate's line ("#<interest id> …", recruiters/notices.ts) emptied, and their phone nowhere. */
export function withoutCandidate(body: string, interestId: number, phones: string[]): string {
  const lines = body.split('\n').map((l) => (l.startsWith(`#${interestId} `) ? `#${interestId} （此求职者已删除信息）` : l));
  let out = lines.join('\n');
  for (const p of phones) for (const form of [p, p.replace(/^\+86/, '')]) out = out.split(form).join('[已删除]');
  return out;
}
