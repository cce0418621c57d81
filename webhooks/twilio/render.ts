// Engine replies as SMS: no buttons, no emoji, no URL or Markdown; numbered choices as a
// "回复…" line; job lists as one compact line per job. Every reply fits two UCS-2 segments
// (134 characters), the budget a basic phone shows as one message.
import type { Choice, JobCard, Reply } from '../../bot/reply.ts';
import { fitSegments, smsSegments } from '../../lib/sms.ts';

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

/** One job in at most ~30 characters: "1.电焊工|广州|8000-12000". */
function cardLine(c: JobCard): string {
  const title = c.title.replace(/[（(].*?[）)]/g, '').slice(0, 8);
  const where =
    c.reasons
      .find((r) => /^(在|离家|就在)/.test(r))
      ?.replace(/^在/, '')
      .replace(/^离家(\d+)公里$/, '距$1km') ?? '';
  // "惠州惠城区沥林镇" → "惠州惠城区": the district is enough on a small screen.
  const place = where.length > 6 ? (/^.+?[区县市]/.exec(where)?.[0] ?? where).slice(0, 6) : where;
  const pay =
    c.reasons
      .find((r) => /(月薪|日薪|时薪|计件)/.test(r))
      ?.replace(/^月薪/, '')
      .replace(/^日薪(.*)元$/, '$1/天')
      .replace(/^时薪(.*)元$/, '$1/时')
      .replace(/^计件月入/, '计件') ?? '';
  return [`${c.n}.${title}`, place, pay].filter(Boolean).join('|');
}

export function renderSms(r: Reply): { body: string }[] {
  let body: string;
  if (r.cards?.length) {
    const head = plain(r.text.split('\n')[0]);
    const more = r.choices?.some((c) => c.id === '4');
    body = `${head}\n${r.cards.map(cardLine).join('\n')}\n回${r.cards.map((c) => c.n).join('/')}报名${more ? ' 4更多' : ''} 5换地方`;
  } else {
    body = plain(r.text);
    if (r.choices?.length) body += `\n${choiceLine(r.choices)}`;
  }
  // Drop the choice line before cutting the message itself.
  if (smsSegments(body).segments > SMS_SEGMENTS && r.choices?.length && !r.cards) {
    const alt = `${plain(r.text)}\n${choiceLine(r.choices.slice(0, 4))}`;
    if (smsSegments(alt).segments <= SMS_SEGMENTS) body = alt;
  }
  return [{ body: fitSegments(body, SMS_SEGMENTS) }];
}
