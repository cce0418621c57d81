// What makes a knowledge-base answer usable by a worker: short enough to read on an old phone in
// one go, and something to act on — a number to call or a place to go. The same rules check the
// API, the CSV import and the command line, so no path can store an answer the others would refuse.
import { z } from 'zod';
import { text } from '../api/validate.ts';
import { graphemes } from '../lib/sms.ts';

export const MAX_ANSWER = 50;
export const MAX_TOPIC = 12;
export const MAX_KEYWORDS = 40;

/** How the finder and the checks see text: NFKC (full-width digits and letters as ASCII), lower case, no punctuation, symbols or spaces. */
export const normalise = (s: string): string =>
  s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Characters as the worker sees them (an emoji with its modifiers is one), spaces not counted. */
export const answerLength = (answer: string): number => graphemes(answer).filter((g) => g.trim() !== '').length;

// 7 digits or more is a phone number (0854-1234567, 138 1234 5678); 12333-style five-digit
// service numbers of the government count too.
const PHONE = /\d{7,}|(?<!\d)12\d{3}(?!\d)/;
// Words that name somewhere to go: 劳务协作站, 人力资源市场, 山海心连之家, 就业局, 服务中心, 窗口, …
const PLACE = /站|市场|之家|局|中心|窗口|大厅|办公室|服务点|街道|社区|村委|广场|大楼|政府|\d+号|\d+楼/;

/** Why the answer cannot be given to a worker, or null when it can. */
export function answerProblem(answer: string): string | null {
  const n = answerLength(answer);
  if (n > MAX_ANSWER) return `太长：${n} 个字，最多 ${MAX_ANSWER} 个（不算空格），工人用老手机看 / is too long: ${n} characters, at most ${MAX_ANSWER} (spaces not counted)`;
  const digits = answer.normalize('NFKC').replace(/(?<=\d)[\s-]+(?=\d)/g, '');
  if (!PHONE.test(digits) && !PLACE.test(answer)) {
    return '要有电话号码（7位以上）或去哪里办（…站、…市场、…局、…之家、窗口） / must give a phone number (7 digits or more) or a place to go (…站, …市场, …局, …之家, 窗口)';
  }
  return null;
}

/** Keywords as staff write them in one spreadsheet cell: 补贴、车费,路费 报销. */
export const splitKeywords = (cell: string): string[] =>
  cell
    .split(/[、,，;；/|\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);

const Keyword = text(MAX_TOPIC, 1).refine((k) => normalise(k).length >= 2, {
  message: '至少两个字（一个字会碰上太多话） / needs at least 2 letters or characters (one would match too much)',
});

export const AnswerFields = {
  topic: text(MAX_TOPIC, 1),
  keywords: z.array(Keyword).max(MAX_KEYWORDS),
  answer: text(300, 1).superRefine((a, ctx) => {
    const problem = answerProblem(a);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
};

export const AnswerInput = z.strictObject({ topic: AnswerFields.topic, keywords: AnswerFields.keywords, answer: AnswerFields.answer });
export type AnswerInput = z.output<typeof AnswerInput>;

/** The keywords to store: trimmed, each once (by its normalised form), in the order given. */
export function cleanKeywords(keywords: string[]): string[] {
  const seen = new Set<string>();
  return keywords.filter((k) => {
    const n = normalise(k);
    if (seen.has(n)) return false;
    seen.add(n);
    return true;
  });
}
