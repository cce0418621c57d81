// The conversation engine: one inbound message in, replies out, the same for every channel.
// It identifies the worker, restores the conversation, routes the message, and saves the state.

import { KeyedLock } from '../lib/keyed-lock.ts';
import type { EngineDeps, Turn } from './context.ts';
import { confirmFair, fairJobsForWorker, showFair, subscribeFair } from './flows/fairs.ts';
import { answerConsent, answerPhone, deleteWorkerData, homeFromLocation, homeFromText, saveHome } from './flows/profile.ts';
import { askPlace, askWage, expressInterest, FAIR_CHOICE, NOT_GUESS_ID, rejectGuess, searchFromMenu, searchFromText, showResults, tradeMenu } from './flows/search.ts';
import { digitOf, keywordOf } from './keywords.ts';
import type { Inbound, Reply } from './reply.ts';
import { initialState, parseState } from './state.ts';
import { PLACE_MENU, T, TRADE_MENU, WAGE_MENU } from './texts.zh.ts';

/** Longest message read, in bytes of UTF-8 (a pasted essay is refused, not truncated silently). */
export const MAX_TEXT_BYTES = 4096;
/** A turn that keeps losing the race to other turns of the same person gives up after this. */
const MAX_TURN_ATTEMPTS = 5;

export interface HandleResult {
  replies: Reply[];
  workerId: number;
}

export class Engine {
  constructor(readonly deps: EngineDeps) {}

  /** Serialises the turns of one person within this process; the version check covers the rest. */
  private readonly turns = new KeyedLock();

  async handle(inbound: Inbound): Promise<HandleResult> {
    return this.turns.run(`${inbound.channel}:${inbound.address}`, () => this.handleInTurn(inbound));
  }

  /**
   * Two messages from one person can arrive at once (a double tap, two processes). A turn writes
   * its state back only over the version it read; when another turn wrote first, this one is
   * taken again from the newer state, as if it had arrived second. What a turn does besides its
   * state (an interest, a subscription) is keyed by unique constraints, so running it again adds
   * nothing twice.
   */
  private async handleInTurn(inbound: Inbound): Promise<HandleResult> {
    const { db } = this.deps;
    const identity = await db.identity.upsert({
      where: { channel_address: { channel: inbound.channel, address: inbound.address } },
      create: {
        channel: inbound.channel,
        address: inbound.address,
        worker: { create: { phone: inbound.channel === 'sms' ? inbound.address : null } },
      },
      update: {},
    });
    for (let attempt = 1; ; attempt++) {
      const worker = await db.worker.findUniqueOrThrow({ where: { id: identity.workerId } });
      const conv = await db.conversation.upsert({ where: { identityId: identity.id }, create: { identityId: identity.id }, update: {} });
      const turn: Turn = { deps: this.deps, inbound, worker, identity, state: parseState(conv.state) };
      const replies = await this.route(turn);
      const written = await db.conversation.updateMany({
        where: { id: conv.id, version: conv.version },
        data: { state: JSON.stringify(turn.state), version: { increment: 1 } },
      });
      // Nothing written and no conversation left: the worker asked for deletion, and that is fine.
      if (written.count || !(await db.conversation.findUnique({ where: { id: conv.id } }))) return { replies, workerId: worker.id };
      if (attempt >= MAX_TURN_ATTEMPTS) throw new Error(`conversation ${conv.id} kept changing under this turn`);
      this.deps.log.info('conversation changed during a turn; taking the turn again', { conversation: conv.id, attempt });
    }
  }

  private async route(turn: Turn): Promise<Reply[]> {
    const { inbound } = turn;
    if (inbound.unsupported) return [tradeMenu(T.unsupported)];
    if (inbound.location) return this.onLocation(turn, inbound.location);

    const raw = inbound.text ?? '';
    if (Buffer.byteLength(raw, 'utf8') > MAX_TEXT_BYTES) return [{ text: T.tooLong }];
    // Control characters and stray bytes from old phones are dropped, not fatal.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    const text = raw.replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFD]/g, '').trim();

    const kw = keywordOf(text);
    if (kw === 'stop') return this.stop(turn);
    if (kw === 'start') return this.restart(turn);
    if (kw === 'help') return [{ text: T.help }];
    // After 退订 an SMS number hears nothing until it says 订阅 again, except about deleting its
    // data: that is its right whether or not it still wants messages.
    const deleting = kw === 'delete' || turn.state.step === 'confirm_delete';
    if (turn.worker.optedOut && inbound.channel === 'sms' && !deleting) return [];

    const deepLink = /^\/start\s+fair_(\d+)$/i.exec(text);
    // A poster's link to a fair that does not exist (or a number no fair can have) shows the next fair.
    if (deepLink) return showFair(turn, /^[1-9]\d{0,8}$/.test(deepLink[1]) ? Number(deepLink[1]) : undefined);
    if (/^\/start(\s|$)/i.test(text) || kw === 'menu') {
      turn.state = initialState();
      turn.state.step = 'ask_trade';
      return [tradeMenu(T.greet)];
    }
    if (kw === 'more') return turn.state.results.length ? showResults(turn, false) : [tradeMenu()];
    if (kw === 'fair') return showFair(turn);
    if (kw === 'alerts') {
      if (!turn.worker.lastQuery) return [tradeMenu(T.alertsNeedSearch)];
      // Alerts are about postings newer than today's: remember where "new" starts.
      const newest = (await this.deps.db.posting.aggregate({ _max: { id: true } }))._max.id ?? 0;
      await this.deps.db.worker.update({ where: { id: turn.worker.id }, data: { wantsAlerts: true, alertedUpTo: turn.worker.alertedUpTo ?? newest } });
      return [{ text: T.alertsOn }];
    }
    if (kw === 'home') return this.askHome(turn);
    if (kw === 'delete') {
      turn.state.step = 'confirm_delete';
      return [
        {
          text: T.confirmDelete,
          choices: [
            { id: '1', label: '确定删除' },
            { id: '2', label: '不删' },
          ],
        },
      ];
    }
    if (kw === 'confirm') {
      const r = await confirmFair(turn);
      if (r) return r;
    }

    const digit = digitOf(text);
    if (digit !== null) return this.onDigit(turn, Number(digit));
    if (!text.replace(/[\p{P}\p{S}\s]/gu, '')) return [tradeMenu(T.empty)];

    if (turn.state.step === 'ask_phone') {
      const r = await answerPhone(turn, text);
      if (r) return r;
    }
    if (turn.state.step === 'results' && turn.state.guess && /^(不是|不对|错了|不是的)[。！!]?$/.test(text)) return rejectGuess(turn);
    if (turn.state.step === 'consent') {
      if (/^(同意|好|好的|可以|行|愿意|嗯)$/.test(text)) return answerConsent(turn, true);
      if (/^(不同意|不|不要|不行|不愿意|算了)$/.test(text)) return answerConsent(turn, false);
    }
    const home = homeFromText(turn, text);
    if (home) {
      await saveHome(turn, home);
      const rest = text.replace(/(?:我是|我家在|家在|家住|我住|住在|老家)[\u4e00-\u9fff]{2,5}?(?:镇|街道|乡|的|人|$)/, ' ');
      const r = (await searchFromText(turn, rest)) ?? (turn.state.search.base ? await showResults(turn, true) : null);
      return [{ text: T.homeSaved(home) }, ...(r ?? [tradeMenu()])];
    }
    const found = await searchFromText(turn, text);
    if (found) return found;
    turn.state.step = 'ask_trade';
    return [tradeMenu(T.notUnderstood)];
  }

  private async onDigit(turn: Turn, n: number): Promise<Reply[]> {
    const s = turn.state;
    const pick = <T extends { choice: { id: string } }>(menu: T[]) => menu.find((m) => m.choice.id === String(n));
    switch (s.step) {
      case 'start':
      case 'ask_trade': {
        const t = pick(TRADE_MENU);
        if (!t && String(n) === FAIR_CHOICE.id) return showFair(turn);
        return t ? searchFromMenu(turn, t.query) : [tradeMenu(T.pickFromList)];
      }
      case 'results':
        if (n >= 1 && n <= 3) return expressInterest(turn, n);
        if (n === 4) return showResults(turn, false);
        if (n === 5) return askPlace(turn);
        if (n === 6) return askWage(turn);
        if (n === 0) return [tradeMenu(T.askTrade)];
        if (String(n) === NOT_GUESS_ID && s.guess) return rejectGuess(turn);
        return [{ text: T.pickFromList }];
      case 'ask_place': {
        const p = pick(PLACE_MENU);
        if (!p) return askPlace(turn);
        if (p.phrase === '离家近' && !turn.worker.homeTown) {
          s.search.place = p.phrase;
          return this.askHome(turn);
        }
        s.search.place = p.phrase;
        return showResults(turn, true);
      }
      case 'ask_wage': {
        const w = pick(WAGE_MENU);
        if (!w) return askWage(turn);
        s.search.wage = w.phrase;
        return showResults(turn, true);
      }
      case 'ask_home': {
        const towns = this.homeTowns(turn);
        const town = towns[n - 1];
        if (!town) return this.askHome(turn);
        await saveHome(turn, town);
        const r = s.search.base ? await showResults(turn, true) : [tradeMenu()];
        return [{ text: T.homeSaved(town) }, ...r];
      }
      case 'consent':
        if (n === 1 || n === 2) return answerConsent(turn, n === 1);
        return [{ text: T.pickFromList }];
      case 'fair':
        if (n === 1) return subscribeFair(turn);
        if (n === 2 && s.fairId !== undefined) {
          s.results = await fairJobsForWorker(turn, s.fairId);
          s.shown = 0;
          return showResults(turn, false);
        }
        if (n === 0) return [tradeMenu()];
        return showFair(turn, s.fairId);
      case 'confirm_delete':
        if (n === 1) {
          await deleteWorkerData(turn);
          turn.state = initialState();
          return [{ text: T.deleted }];
        }
        s.step = 'start';
        return [{ text: T.keptData }];
      case 'ask_phone':
        return (await answerPhone(turn, String(n))) ?? [{ text: T.badPhone }];
    }
  }

  private homeTowns(turn: Turn): string[] {
    const gaz = turn.deps.jobs.matcher.gazetteer;
    return gaz.places.filter((p) => p.level === 'town' && p.county === gaz.home.county).map((p) => p.name);
  }

  private askHome(turn: Turn): Reply[] {
    turn.state.step = 'ask_home';
    return [{ text: T.askHome, choices: this.homeTowns(turn).map((name, i) => ({ id: String(i + 1), label: name })), requestLocation: true }];
  }

  private async onLocation(turn: Turn, loc: { lat: number; lng: number }): Promise<Reply[]> {
    const town = homeFromLocation(turn, loc);
    if (!town) return [{ text: '你好像不在惠水县，我先按县城帮你找。' }, ...(turn.state.search.base ? await showResults(turn, true) : [tradeMenu()])];
    await saveHome(turn, town);
    const rest = turn.state.search.base ? await showResults(turn, true) : [tradeMenu()];
    return [{ text: T.homeSaved(town) }, ...rest];
  }

  private async stop(turn: Turn): Promise<Reply[]> {
    const { db, clock, hooks } = this.deps;
    const now = clock.now();
    await db.identity.update({ where: { id: turn.identity.id }, data: { optedOut: true, optedOutAt: now } });
    await db.worker.update({ where: { id: turn.worker.id }, data: { optedOut: true, optedOutAt: now } });
    await hooks?.workerOptedOut?.(turn.worker.id);
    return [{ text: T.stopped }];
  }

  private async restart(turn: Turn): Promise<Reply[]> {
    const { db } = this.deps;
    await db.identity.update({ where: { id: turn.identity.id }, data: { optedOut: false, optedOutAt: null } });
    await db.worker.update({ where: { id: turn.worker.id }, data: { optedOut: false, optedOutAt: null } });
    turn.state.step = 'ask_trade';
    return [tradeMenu(T.restarted)];
  }
}
