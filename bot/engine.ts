// The conversation engine: one inbound message in, replies out, the same for every channel.
// It identifies the worker, restores the conversation, routes the message, and saves the state.

import { KeyedLock } from '../lib/keyed-lock.ts';
import type { EngineDeps, Turn } from './context.ts';
import { answerFair, confirmFair, fairJobsForWorker, fairQuestion, showFair, subscribeFair } from './flows/fairs.ts';
import { answerConsent, answerPhone, askHome, deleteWorkerData, homeFromLocation, homeFromText, homeTowns, saveHome } from './flows/profile.ts';
import {
  askPlace,
  askWage,
  backToList,
  expressInterest,
  FAIR_CHOICE,
  NOT_GUESS_ID,
  rejectGuess,
  runSearch,
  searchFromMenu,
  searchFromText,
  setPlace,
  setWage,
  showJob,
  showPage,
  tradeMenu,
} from './flows/search.ts';
import { digitOf, keywordOf } from './keywords.ts';
import type { Inbound, Reply } from './reply.ts';
import { initialState, parseState } from './state.ts';
import { HUMAN_CHOICES, PLACE_MENU, T, TRADE_MENU, WAGE_MENU } from './texts.zh.ts';

/** Words that ask something: a programme answer is meant, not a search. */
const QUESTION = /怎么|怎样|如何|在哪|哪里|哪儿|吗|么|呢|？|\?|多少|能不能|可不可以|有没有|什么|啥/;

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
      const before = turn.state.menu;
      const replies = await this.route(turn);
      // The choices of this turn are the current ones: number them, so older taps are known.
      if (replies.some((r) => r.choices?.length)) {
        turn.state.menu = before + 1;
        for (const r of replies) if (r.choices?.length) r.menu = turn.state.menu;
      }
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
    // A button from an older message: its meaning is gone with the message it came with.
    if (inbound.menu !== undefined && inbound.menu !== turn.state.menu) return [{ text: T.staleButton }];
    if (inbound.unsupported) return [tradeMenu(inbound.unsupported === 'voice_unclear' ? T.voiceUnclear : T.unsupported)];

    const raw = inbound.text ?? '';
    if (Buffer.byteLength(raw, 'utf8') > MAX_TEXT_BYTES) return [{ text: T.tooLong }];
    // Control characters and stray bytes from old phones are dropped, not fatal.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    const text = raw.replace(/[\u0000-\u0008\u000B-\u001F\u007F\uFFFD]/g, '').trim();
    // A location, with or without words: home first, then the words (or the search on screen).
    if (inbound.location) return this.onLocation(turn, inbound.location, text);

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
    if (/^\/start(\s|$)/i.test(text) || kw === 'menu' || kw === 'job') {
      turn.state = initialState(turn.state.menu);
      turn.state.step = 'ask_trade';
      return [tradeMenu(kw === 'job' ? T.whichWork : T.greet)];
    }
    if (kw === 'human') return this.handOver(turn, 'asked', text);
    if (kw === 'more') return turn.state.results.length ? showPage(turn, turn.state.shown) : [tradeMenu()];
    if (kw === 'fair') return showFair(turn);
    if (kw === 'alerts') {
      if (!turn.worker.lastQuery) return [tradeMenu(T.alertsNeedSearch)];
      // Alerts are about postings newer than today's: remember where "new" starts.
      const newest = (await this.deps.db.posting.aggregate({ _max: { id: true } }))._max.id ?? 0;
      await this.deps.db.worker.update({ where: { id: turn.worker.id }, data: { wantsAlerts: true, alertedUpTo: turn.worker.alertedUpTo ?? newest } });
      return [{ text: T.alertsOn }];
    }
    if (kw === 'home') return askHome(turn);
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
    if (turn.state.step === 'offer_human') {
      if (/^(要|好|好的|可以|行|嗯|找|要的)$/.test(text)) return this.handOver(turn, 'not_understood', text);
      if (/^(不|不要|不用|算了|不用了)$/.test(text)) return [tradeMenu(T.humanDeclined)];
    }
    const replies = await this.understand(turn, text);
    if (replies) {
      turn.state.misses = 0;
      return replies;
    }
    return this.notUnderstood(turn, text);
  }

  /** Free text: a fair question, a programme question, a home township, a search; null if none. */
  private async understand(turn: Turn, text: string): Promise<Reply[] | null> {
    const fq = fairQuestion(turn, text);
    if (fq) return answerFair(turn, fq);
    // A programme answer when the words ask something (怎么, 在哪, 吗) or name no trade: "培训怎么
    // 报名" is about signing up, not a search for training posts; "焊工" stays a search.
    const found = this.deps.answers ? await this.deps.answers.find(text) : null;
    if (found && (QUESTION.test(text) || !this.deps.jobs.matcher.understand({ text, home: turn.worker.homeTown }).trades.length)) return [{ text: found.answer }];

    const home = homeFromText(turn, text);
    if (home) {
      await saveHome(turn, home);
      const rest = text.replace(/(?:我是|我家在|家在|家住|我住|住在|老家)[\u4e00-\u9fff]{2,5}?(?:镇|街道|乡|的|人|$)/, ' ');
      const r = (await searchFromText(turn, rest)) ?? (turn.state.search.base ? await runSearch(turn, 'refine') : null);
      return [{ text: T.homeSaved(home) }, ...(r ?? [tradeMenu()])];
    }
    return searchFromText(turn, text);
  }

  /** Not understood: say so and ask again; the second time in a row, offer a person. */
  private async notUnderstood(turn: Turn, text: string): Promise<Reply[]> {
    const { handovers } = this.deps;
    // Someone is already on it: no need to offer again.
    if (handovers && (await handovers.isOpen(turn.identity.id))) return [{ text: T.waitingStaff }];
    turn.state.misses += 1;
    if (turn.state.misses >= 2 && handovers) {
      turn.state.step = 'offer_human';
      turn.state.misses = 0;
      return [{ text: T.offerHuman, choices: HUMAN_CHOICES }];
    }
    turn.state.step = 'ask_trade';
    this.deps.log.info('message not understood', { channel: turn.inbound.channel, length: text.length });
    return [tradeMenu(T.notUnderstood)];
  }

  /** The conversation goes to staff; the worker hears when someone will answer. */
  private async handOver(turn: Turn, reason: 'asked' | 'not_understood', text: string): Promise<Reply[]> {
    const { handovers } = this.deps;
    turn.state.misses = 0;
    if (!handovers) return [{ text: T.handOverUnavailable }];
    const h = await handovers.open({
      workerId: turn.worker.id,
      identityId: turn.identity.id,
      channel: turn.inbound.channel,
      address: turn.inbound.address,
      reason,
      lastText: text,
    });
    turn.state.step = 'start';
    return [{ text: T.handedOver(h.answerBy) }];
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
        if (n >= 1 && n <= 3) return showJob(turn, n);
        if (n === 4) return showPage(turn, s.shown);
        if (n === 5) return askPlace(turn);
        if (n === 6) return askWage(turn);
        if (n === 7) {
          s.step = 'ask_trade';
          return [tradeMenu()];
        }
        if (String(n) === NOT_GUESS_ID && s.guess) return rejectGuess(turn);
        return [{ text: T.pickFromList }];
      case 'job':
        if (n === 1) return expressInterest(turn);
        if (n === 2) return backToList(turn);
        return [{ text: T.pickFromList }];
      case 'ask_place': {
        const p = pick(PLACE_MENU);
        if (!p) return askPlace(turn);
        setPlace(turn, p.phrase);
        if (p.phrase === '离家近' && !turn.worker.homeTown) return askHome(turn);
        return runSearch(turn, 'refine');
      }
      case 'ask_wage': {
        const w = pick(WAGE_MENU);
        if (!w) return askWage(turn);
        setWage(turn, w.phrase);
        return runSearch(turn, 'refine');
      }
      case 'ask_home': {
        const town = homeTowns(turn)[n - 1];
        if (!town) return askHome(turn);
        await saveHome(turn, town);
        const r = s.search.base ? await runSearch(turn, 'refine') : [tradeMenu()];
        return [{ text: T.homeSaved(town) }, ...r];
      }
      case 'consent':
        if (n === 1 || n === 2) return answerConsent(turn, n === 1);
        return [{ text: T.pickFromList }];
      case 'fair':
        if (n === 1) return subscribeFair(turn);
        if (n === 2 && s.fairId !== undefined) {
          s.results = await fairJobsForWorker(turn, s.fairId);
          s.how = 'first';
          s.note = '';
          return showPage(turn, 0);
        }
        if (n === 3) return answerFair(turn, 'bus');
        return showFair(turn, s.fairId);
      case 'offer_human':
        if (n === 1) return this.handOver(turn, 'not_understood', '');
        return [tradeMenu(T.humanDeclined)];
      case 'confirm_delete':
        if (n === 1) {
          await deleteWorkerData(turn);
          turn.state = initialState(turn.state.menu);
          return [{ text: T.deleted }];
        }
        s.step = 'start';
        return [{ text: T.keptData }];
      case 'ask_phone':
        return (await answerPhone(turn, String(n))) ?? [{ text: T.badPhone }];
    }
  }

  private async onLocation(turn: Turn, loc: { lat: number; lng: number }, text: string): Promise<Reply[]> {
    const town = homeFromLocation(turn, loc);
    const said = town ? T.homeSaved(town) : T.notInCounty;
    if (town) await saveHome(turn, town);
    // Words sent with the location are read as well, as if they came just after it.
    const words = text ? await this.understand(turn, text) : null;
    if (words) return [{ text: said }, ...words];
    const rest = turn.state.search.base ? await runSearch(turn, 'refine') : [tradeMenu()];
    return [{ text: said }, ...rest];
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
