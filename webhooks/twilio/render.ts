// Engine replies as SMS: no buttons, no emoji, no URL or Markdown; numbered choices as a
// "回复…" line; job lists as one compact line per job. Every reply fits two segments as the
// carrier counts them (lib/sms.ts), the budget a basic phone shows as one message; when
// something must give, the job lines shorten and the text is cut before the "回…" line is.
import type { Choice, JobCard, Reply } from '../../bot/reply.ts';
import { fitSegments, graphemes, smsSegments } from '../../lib/sms.ts';

export const SMS_SEGMENTS = 2;

const EMOJI = /[\p{Extended_Pictographic}\u{1F1E6}-\u{1F1FF}\u20E3\uFE0F\u200D]/gu;

export const plain = (s: string) =>
  s
    .replace(EMOJI, '')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .trim();

function choiceLine(choices: Choice[]): string {
  return `回复${choices.map((c) => `${c.id}${plain(c.label)}`).join(' ')}`;
}

/** How much of a job line to keep: the full form first, shorter ones when the list is too long. */
interface CardFit {
  title: number;
  place: boolean;
}
const CARD_FITS: CardFit[] = [
  { title: 8, place: true },
  { title: 6, place: true },
  { title: 6, place: false },
  { title: 4, place: false },
];

const first = (s: string, n: number) => graphemes(s).slice(0, n).join('');

/** One job in at most ~30 characters: "1.电焊工|广州白云|8000-1.2万". */
function cardLine(c: JobCard, fit: CardFit = CARD_FITS[0]): string {
  // Titles come from imported postings and may carry emoji; cut by grapheme so no pair is split.
  const title = first(plain(c.title.replace(/[（(].*?[）)]/g, '')), fit.title);
  // "惠州惠城区沥林镇" → "惠州惠城区": the district is enough on a small screen.
  const place = !fit.place ? '' : first(c.place, 6);
  const pay = c.pay.replace(/\/月$/, '');
  return plain([`${c.n}.${title}`, place, pay].filter(Boolean).join('|'));
}

const fits = (body: string) => smsSegments(body).segments <= SMS_SEGMENTS;

export function renderSms(r: Reply): { body: string }[] {
  if (r.cards?.length) {
    const cards = r.cards;
    const head = plain(r.text.split('\n')[0]);
    const more = r.choices?.some((c) => c.id === '4');
    const tail = `\n回${cards.map((c) => c.n).join('/')}看详情${more ? ' 4更多' : ''} 5换地方`;
    // Every job stays listed (its number is what the worker replies); lines shorten, then the
    // head line is cut.
    const list = (fit: CardFit) => `\n${cards.map((c) => cardLine(c, fit)).join('\n')}`;
    const fit = CARD_FITS.find((f) => fits(head + list(f) + tail)) ?? CARD_FITS[CARD_FITS.length - 1];
    return [{ body: fitSegments(head, SMS_SEGMENTS, list(fit) + tail) }];
  }
  const text = plain(r.text);
  if (!r.choices?.length) return [{ body: fitSegments(text, SMS_SEGMENTS) }];
  const all = `\n${choiceLine(r.choices)}`;
  if (fits(text + all)) return [{ body: text + all }];
  // Drop choices past the fourth, then cut the message itself; the choice line stays whole.
  const four = `\n${choiceLine(r.choices.slice(0, 4))}`;
  if (fits(text + four)) return [{ body: text + four }];
  return [{ body: fitSegments(text, SMS_SEGMENTS, four) }];
}
