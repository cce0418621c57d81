// One turn of a conversation: who is talking, what the engine remembers, and what it can use.
import type { Identity, Worker } from '@prisma/client';
import type { Handovers } from '../handover/handovers.ts';
import type { ProgrammeAnswers } from '../knowledge/answers.ts';
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

export interface EngineDeps {
  db: Db;
  jobs: JobIndex;
  clock: Clock;
  log: Logger;
  hooks?: EngineHooks;
  /** The programme's knowledge base: an answer for "车费能报吗", null for a job search. */
  answers?: ProgrammeAnswers;
  /** Handing the conversation to staff, and whether it already is. */
  handovers?: Handovers;
}

export interface Turn {
  deps: EngineDeps;
  inbound: Inbound;
  worker: Worker;
  identity: Identity;
  state: ConvState;
}

export type Flow = (turn: Turn) => Promise<Reply[]>;
