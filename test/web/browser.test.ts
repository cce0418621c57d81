// The web chat page in a real browser on a small old phone's screen: Debian's Chromium, driven by
// playwright-core, against the whole service (migrated database, demo postings). It checks the
// page's structure, not the engine's wording: job cards with a title, place and pay that never
// break inside, big buttons, and buttons of earlier replies that are disabled and send nothing.
// Screenshots go to test-artifacts/screenshots/ for a person to look at.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page, type Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestService, type TestService } from '../support/service.ts';

const CHROMIUM = '/usr/bin/chromium';
const hasChromium = fs.existsSync(CHROMIUM);
if (!hasChromium) {
  console.warn(
    `browser test skipped: ${CHROMIUM} is missing. Install Debian's browser and fonts with ` +
      '`apt-get install -y chromium fonts-noto-cjk fonts-noto-color-emoji` (as root) to run it.',
  );
}

const SHOTS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../../test-artifacts/screenshots');

interface ChatReply {
  text: string;
  choices?: { id: string; label: string }[];
  menu?: number;
  cards?: { n: number; title: string }[];
}

describe.skipIf(!hasChromium)('the web chat page in Chromium at 360×740', () => {
  let s: TestService;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  /** Every POST /api/chat the page made, with its JSON body, in order. */
  const posts: Record<string, unknown>[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    s = await startTestService({ WEB_CHAT_NEW_SESSIONS: '1000' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      // Closed network here: no background connections, no component or sync traffic, no QUIC.
      // playwright-core gives the browser a fresh user data directory of its own.
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, locale: 'zh-CN' });
    page = await context.newPage();
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('request', (r: Request) => {
      if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/chat') posts.push(r.postDataJSON());
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  /** The answer to the next POST /api/chat, once the page has drawn it (the worker's bubble and at least one more element). */
  async function nextAnswer(act: () => Promise<unknown>): Promise<ChatReply[]> {
    const shown = await page.locator('#log > *').count();
    const [res] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/chat'), act()]);
    expect(res.status()).toBe(200);
    const body = (await res.json()) as { replies: ChatReply[] };
    await page.waitForFunction((n) => document.querySelectorAll('#log > *').length >= n + 2, shown);
    return body.replies;
  }

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

  it('shows job cards whose numbers never wrap, and disables the buttons of earlier replies', async () => {
    // The greeting: the page says hello by itself on opening.
    const greeting = await nextAnswer(() => page.goto(s.url));
    expect(greeting.length).toBeGreaterThan(0);
    await page.locator('#log .msg.bot').first().waitFor();
    await shot('01-greeting');

    // A search typed as a worker would.
    await page.locator('#t').fill('电焊 广州');
    const results = await nextAnswer(() => page.locator('#t').press('Enter'));
    const withCards = results.find((r) => r.cards?.length);
    expect(withCards, JSON.stringify(results)).toBeDefined();
    await page.locator('#log .card').first().waitFor();

    // One card per job, each with a title and its own "details" button, all live.
    const cards = page.locator('#log .card');
    expect(await cards.count()).toBe(withCards!.cards!.length);
    const titles = await cards.locator('h2 .t').allTextContents();
    expect(titles).toHaveLength(withCards!.cards!.length);
    for (const title of titles) expect(title.replace(/^[①②③④⑤⑥⑦⑧⑨]/, '').trim()).not.toBe('');
    expect(await cards.locator('button.open:enabled').count()).toBe(withCards!.cards!.length);
    // The bubble keeps the head and foot of the text but not the job lines the cards replace.
    for (const line of await page.locator('#log .msg.bot').allTextContents()) expect(line).not.toMatch(/^\s*[①②③④⑤⑥⑦⑧⑨]/m);

    // Place and pay: one line box each (never broken inside a number), inside the card.
    const spans = await page.$$eval('#log .card .place, #log .card .pay', (els) =>
      els.map((e) => {
        const card = e.closest('.card')!.getBoundingClientRect();
        const r = e.getBoundingClientRect();
        return { text: e.textContent, rects: e.getClientRects().length, inside: r.left >= card.left && r.right <= card.right };
      }),
    );
    expect(spans.filter((x) => x.text).length).toBeGreaterThan(0);
    for (const x of spans) expect(x, JSON.stringify(x)).toMatchObject({ rects: 1, inside: true });

    // Readable and tappable on a small screen: no sideways scrolling, text ≥ 18px, buttons ≥ 48px tall.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const small = await page.$$eval('#log .msg, #log button, #log .card *', (els) =>
      els
        .map((e) => ({ text: e.textContent, font: Number.parseFloat(getComputedStyle(e).fontSize), height: e.getBoundingClientRect().height, button: e.tagName === 'BUTTON' }))
        .filter((x) => x.font < 18 || (x.button && x.height < 48)),
    );
    expect(small).toEqual([]);
    // What the worker sees first (before the full-page shot, which moves the scroll position).
    await page.screenshot({ path: path.join(SHOTS, '02-results-screen.png') });
    await shot('02-results');

    // Tap the reply's first choice: it sends the choice's id with the reply's menu, and shows its label.
    const before = await page.$$eval('#log button', (bs) => {
      for (const b of bs) b.setAttribute('data-old', '');
      return bs.length;
    });
    expect(before).toBeGreaterThan(0);
    const menuReply = [...results].reverse().find((r) => r.choices?.length)!;
    // Jobs' own digits are their cards' 看详情 buttons; the row holds the other choices.
    const digits = new Set(menuReply.cards?.map((c) => String(c.n)));
    const choice = menuReply.choices!.find((c) => !digits.has(c.id))!;
    const sentBefore = posts.length;
    const choiceButton = page.locator('#log .choices').last().locator('button').first();
    expect(await choiceButton.textContent()).toBe(choice.label);
    await nextAnswer(() => choiceButton.tap());
    expect(posts).toHaveLength(sentBefore + 1);
    const { id: _id, ...sent } = posts.at(-1)!;
    expect(sent).toEqual(menuReply.menu === undefined ? { text: choice.id } : { text: choice.id, menu: menuReply.menu });
    expect(await page.locator('#log .msg.me').last().textContent()).toBe(choice.label);

    // Every button of the earlier replies is disabled now; the tapped one is marked as the pick.
    expect(await page.locator('#log button[data-old]').count()).toBe(before);
    expect(await page.locator('#log button[data-old]:enabled').count()).toBe(0);
    expect(await page.locator('#log button[data-old].picked').count()).toBe(1);
    // The newest answer's buttons, if it has any, are live.
    const latestRow = page.locator('#log > :last-child button');
    for (const b of await latestRow.all()) if ((await b.getAttribute('data-old')) === null) expect(await b.isEnabled()).toBe(true);
    await shot('03-after-tap');

    // An old button does nothing: neither a forced tap, nor a click, nor a script's click event.
    const meBubbles = await page.locator('#log .msg.me').count();
    const sentAfterTap = posts.length;
    const old = page.locator('#log .card button.open[data-old]').first();
    await old.tap({ force: true });
    await old.click({ force: true });
    await old.dispatchEvent('click');
    expect(await page.locator('#log .msg.me').count()).toBe(meBubbles);
    // Requests leave in order: once a message typed afterwards has been sent, any request the old
    // button had started would have been seen before it.
    await page.locator('#t').fill('你好');
    await nextAnswer(() => page.locator('#t').press('Enter'));
    expect(posts.slice(sentAfterTap).map(({ id: _, ...rest }) => rest)).toEqual([{ text: '你好' }]);
    await shot('04-old-button-ignored');

    // The longest place and pay a card carries (six-character place, five-digit pay) under a long
    // title and employer: neither breaks inside, and nothing leaves the card.
    await page.evaluate(() =>
      (window as unknown as { showReply(r: unknown): void }).showReply({
        text: '找：电焊工·惠州\n① 电焊工\n回数字看详情',
        menu: 99,
        cards: [
          {
            n: 1,
            postingId: 1,
            title: '二氧化碳气体保护焊焊工学徒包教包会',
            employer: '惠州市惠城区沥林镇某某五金制品有限公司',
            place: '惠州惠城沥林',
            pay: '12000-1.5万/月',
            note: '相近',
          },
        ],
      }),
    );
    const long = await page.$$eval('#log .cards:last-of-type .card .place, #log .cards:last-of-type .card .pay', (els) =>
      els.map((e) => {
        const card = e.closest('.card')!.getBoundingClientRect();
        const r = e.getBoundingClientRect();
        return { text: e.textContent, rects: e.getClientRects().length, inside: r.left >= card.left && r.right <= card.right };
      }),
    );
    expect(long).toEqual([
      { text: '惠州惠城沥林', rects: 1, inside: true },
      { text: '12000-1.5万/月', rects: 1, inside: true },
    ]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.screenshot({ path: path.join(SHOTS, '05-long-card-screen.png') });

    expect(pageErrors).toEqual([]);
  }, 60_000);
});
