// The worker's own data: consent to share the phone, the phone itself, home township, deletion.
import { parsePhoneNumberFromString } from 'libphonenumber-js';
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

/** Removes what identifies the worker; counts of interests and hires stay for the statistics. */
export async function deleteWorkerData(turn: Turn): Promise<void> {
  const { db } = turn.deps;
  const id = turn.worker.id;
  await db.$transaction([
    db.inboundMessage.deleteMany({ where: { identity: { workerId: id } } }),
    db.outboundMessage.updateMany({ where: { workerId: id }, data: { body: '[已删除]', recipient: '[deleted]', payload: '{}' } }),
    db.outboundMessage.updateMany({ where: { workerId: id, state: 'queued' }, data: { state: 'cancelled' } }),
    db.interest.updateMany({ where: { workerId: id }, data: { consent: 'denied' } }),
    db.fairSubscription.deleteMany({ where: { workerId: id, confirmedAt: null } }),
    db.identity.deleteMany({ where: { workerId: id } }),
    db.worker.update({
      where: { id },
      data: { name: null, phone: null, homeLat: null, homeLng: null, lastQuery: null, wantsAlerts: false, optedOut: true, deletedAt: turn.deps.clock.now() },
    }),
  ]);
}
