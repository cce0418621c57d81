// One turn of a conversation: who is talking, what the engine remembers, and what it can use.
import type { Identity, Worker } from '@prisma/client';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/log.ts';
import type { JobIndex } from '../postings/job-index.ts';
import type { Db } from '../prisma/db.ts';
import type { Inbound, Reply } from './reply.ts';
import type { ConvState } from './state.ts';

/** What happens outside the conversation when a worker acts (recruiter notices, reminders). */
export interface EngineHooks {
  interestCreated?(interestId: number): Promise<void>;
  consentGiven?(interestId: number): Promise<void>;
  fairSubscribed?(subscriptionId: number): Promise<void>;
  workerOptedOut?(workerId: number): Promise<void>;
}

/** Staff-written answers about the programme (subsidies, training, stations, unpaid wages). */
export interface AnswerBook {
  find(text: string): Promise<{ id: number; topic: string; answer: string } | null>;
}

/** Passing a conversation to a person. */
export interface StaffDesk {
  open(h: { workerId: number; identityId: number; channel: string; address: string; reason: 'asked' | 'not_understood'; lastText: string }): Promise<{
    id: number;
    created: boolean;
    /** When someone will answer, in a few words: 1小时内, 明天9点后. */
    answerBy: string;
  }>;
  isOpen(identityId: number): Promise<boolean>;
}

export interface EngineDeps {
  db: Db;
  jobs: JobIndex;
  clock: Clock;
  log: Logger;
  hooks?: EngineHooks;
  answers?: AnswerBook;
  handovers?: StaffDesk;
}

export interface Turn {
  deps: EngineDeps;
  inbound: Inbound;
  worker: Worker;
  identity: Identity;
  state: ConvState;
}

export type Flow = (turn: Turn) => Promise<Reply[]>;
