// The WeChat channel over the whole service: signed XML callbacks in plaintext and in safe mode
// (AES), the engine's answers as customer-service messages through the outbox to a local stand-in
// of WeChat's API (test/support/fake-wechat.ts), reminders outside the 48-hour window, a token
// going stale mid-run, and WeChat's error codes.
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { T } from '../../bot/texts.zh.ts';
import { enqueue } from '../../delivery/outbox.ts';
import { WechatApi } from '../../webhooks/wechat/api.ts';
import { setMenu } from '../../webhooks/wechat/menu.ts';
import { buildEnvelope, MessageCrypto, signature } from '../../webhooks/wechat/protocol.ts';
import { FakeTwilio } from '../support/fake-twilio.ts';
import { FakeWechat } from '../support/fake-wechat.ts';
import { startTestService, type TestService } from '../support/service.ts';

const APP_ID = 'wx0123456789abcdef';
const SECRET = 'S'.repeat(32);
const TOKEN = 'huishuitoken';
const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const ACCOUNT = 'gh_0123456789ab';

let wx: FakeWechat;
let twilio: FakeTwilio;
let s: TestService;
let safe: TestService;
let msgIds = 6_000_000_000_000_000_000n;

const env = (extra: Record<string, string> = {}) => ({
  WECHAT_APP_ID: APP_ID,
  WECHAT_APP_SECRET: SECRET,
  WECHAT_TOKEN: TOKEN,
  WECHAT_API_BASE: wx.url,
  QUIET_HOURS: 'off',
  ...extra,
});

beforeAll(async () => {
  wx = await new FakeWechat(APP_ID, SECRET).start();
  twilio = await new FakeTwilio().start();
  s = await startTestService(
    env({
      WECHAT_TEMPLATE_FAIR_REMINDER: 'tpl-fair-1',
      TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
      TWILIO_AUTH_TOKEN: 'tok',
      TWILIO_FROM: '+15005550006',
      TWILIO_API_BASE: twilio.url,
      SMS_PER_SECOND: '1000',
    }),
  );
  safe = await startTestService(env({ WECHAT_ENCODING_AES_KEY: AES_KEY }));
}, 120_000);
afterAll(async () => {
  await s?.close();
  await safe?.close();
  await wx?.stop();
  await twilio?.stop();
});

/** Query parameters WeChat signs a callback with, at the service's own time. */
function signedQuery(svc: TestService, extra: Record<string, string> = {}, tamper = false) {
  const timestamp = String(Math.floor(svc.clock.now().getTime() / 1000));
  const nonce = crypto.randomBytes(6).toString('hex');
  const sig = signature(TOKEN, timestamp, nonce);
  return { timestamp, nonce, signature: tamper ? sig.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) : sig, ...extra };
}

async function callback(svc: TestService, fields: Record<string, string | number>, opts: { encrypt?: boolean; tamper?: boolean; badMsgSig?: boolean } = {}) {
  const xml = buildEnvelope({ ToUserName: ACCOUNT, CreateTime: Math.floor(svc.clock.now().getTime() / 1000), ...fields });
  let query = signedQuery(svc, {}, opts.tamper);
  let body = xml;
  if (opts.encrypt) {
    const enc = new MessageCrypto(AES_KEY, APP_ID).encrypt(xml);
    const msgSig = signature(TOKEN, query.timestamp, query.nonce, enc);
    query = { ...query, encrypt_type: 'aes', msg_signature: opts.badMsgSig ? msgSig.replace(/.$/, (c) => (c === '0' ? '1' : '0')) : msgSig } as typeof query;
    body = buildEnvelope({ ToUserName: ACCOUNT, Encrypt: enc });
  }
  const res = await fetch(`${svc.url}/webhooks/wechat?${new URLSearchParams(query)}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}

const text = (svc: TestService, from: string, content: string, extra: Record<string, string> = {}) =>
  callback(svc, { FromUserName: from, MsgType: 'text', Content: content, MsgId: String(msgIds++), ...extra });

/** What one user received since `before` (customer-service messages). */
async function received(svc: TestService, user: string, before: number) {
  await svc.outbox.drain();
  return wx
    .sent()
    .slice(before)
    .filter((m) => m.touser === user);
}
const textOf = (m: Record<string, any>) => (m.msgtype === 'msgmenu' ? m.msgmenu.head_content : m.text.content) as string;

describe('the set-up check (GET)', () => {
  it('echoes echostr when signed with the token, and refuses otherwise', async () => {
    const ok = await fetch(`${s.url}/webhooks/wechat?${new URLSearchParams(signedQuery(s, { echostr: '1234567890' }))}`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1234567890');
    const bad = await fetch(`${s.url}/webhooks/wechat?${new URLSearchParams(signedQuery(s, { echostr: '1' }, true))}`);
    expect(bad.status).toBe(403);
    expect((await fetch(`${s.url}/webhooks/wechat?echostr=1`)).status).toBe(403);
  });
});

describe('a worker on WeChat (plaintext mode)', () => {
  const W = 'oWorker0000000000000000001';

  it('a text search: "success" at once, the list as a menu message through the outbox', async () => {
    const before = wx.sent().length;
    const r = await text(s, W, '焊工 广州');
    expect(r).toEqual({ status: 200, text: 'success' });
    const [list] = await received(s, W, before);
    expect(list.msgtype).toBe('msgmenu');
    expect(list.msgmenu.head_content).toMatch(/^找：电焊工·广州\n①/);
    expect(list.msgmenu.list.map((i: any) => i.id)).toEqual(expect.arrayContaining([expect.stringMatching(/^\d+\.1$/), expect.stringMatching(/^\d+\.4$/)]));
  });

  it('a tap on a menu item acts on it; a tap on an older menu is answered politely', async () => {
    let before = wx.sent().length;
    await text(s, W, '保洁');
    const [list] = await received(s, W, before);
    const first = list.msgmenu.list[0];
    before = wx.sent().length;
    await text(s, W, first.content, { bizmsgmenuid: first.id });
    const [details] = await received(s, W, before);
    expect(textOf(details)).toContain('要报名点1');
    before = wx.sent().length;
    await text(s, W, first.content, { bizmsgmenuid: first.id });
    const [stale] = await received(s, W, before);
    expect(textOf(stale)).toBe(T.staleButton);
  });

  it('a voice message is read from WeChat’s transcript; without one, a plain answer', async () => {
    let before = wx.sent().length;
    await callback(s, { FromUserName: W, MsgType: 'voice', MediaId: 'm1', Format: 'amr', Recognition: '我想找保安的活', MsgId: String(msgIds++) });
    const [heard] = await received(s, W, before);
    expect(textOf(heard)).toMatch(/^(重新)?找：保安/);
    before = wx.sent().length;
    await callback(s, { FromUserName: W, MsgType: 'voice', MediaId: 'm2', Format: 'amr', Recognition: '', MsgId: String(msgIds++) });
    const [unclear] = await received(s, W, before);
    expect(textOf(unclear)).toBe(T.voiceUnclear);
  });

  it('a location sets the home township; an image gets a plain answer', async () => {
    let before = wx.sent().length;
    await callback(s, { FromUserName: W, MsgType: 'location', Location_X: '26.0139', Location_Y: '106.594', Scale: 15, Label: '好花红', MsgId: String(msgIds++) });
    const got = await received(s, W, before);
    expect(textOf(got[0])).toBe(T.homeSaved('好花红镇'));
    before = wx.sent().length;
    await callback(s, { FromUserName: W, MsgType: 'image', PicUrl: 'http://x/y.jpg', MediaId: 'p', MsgId: String(msgIds++) });
    expect(textOf((await received(s, W, before))[0])).toBe(T.unsupported);
  });

  it('a redelivered message (same MsgId) or event (same sender and time) is answered once', async () => {
    const before = wx.sent().length;
    const id = String(msgIds++);
    for (let i = 0; i < 3; i++) expect((await text(s, W, '电工', { MsgId: id })).text).toBe('success');
    const event = { FromUserName: W, MsgType: 'event', Event: 'CLICK', EventKey: '帮助', CreateTime: 1_764_554_400 };
    for (let i = 0; i < 2; i++) await callback(s, event);
    const got = await received(s, W, before);
    expect(got.map(textOf)).toEqual([expect.stringMatching(/^(重新)?找：电工/), T.help]);
  });

  it('a forged signature is 403 and nothing is stored', async () => {
    const stored = await s.db.inboundMessage.count();
    expect((await text(s, W, '焊工', {})).status).toBe(200);
    const forged = await callback(s, { FromUserName: W, MsgType: 'text', Content: '焊工', MsgId: String(msgIds++) }, { tamper: true });
    expect(forged.status).toBe(403);
    expect(await s.db.inboundMessage.count()).toBe(stored + 1);
    // A signed request from long ago is a replay: refused too.
    const old = signedQuery(s);
    s.clock.advance(3600_000);
    try {
      const res = await fetch(`${s.url}/webhooks/wechat?${new URLSearchParams(old)}`, {
        method: 'POST',
        body: buildEnvelope({ FromUserName: W, MsgType: 'text', Content: 'x', MsgId: '1' }),
      });
      expect(res.status).toBe(403);
    } finally {
      s.clock.advance(-3600_000);
    }
  });

  it('following from a fair poster’s QR code shows that fair; the custom menu’s items work as words', async () => {
    const fair = await s.db.jobFair.findFirstOrThrow();
    const F = 'oFollower00000000000000001';
    let before = wx.sent().length;
    await callback(s, { FromUserName: F, MsgType: 'event', Event: 'subscribe', EventKey: `qrscene_fair_${fair.id}`, Ticket: 't' });
    const [card] = await received(s, F, before);
    expect(textOf(card)).toContain(fair.name.slice(0, 10));
    expect(card.msgmenu.list.map((i: any) => i.content)).toContain('🔔报名提醒');
    before = wx.sent().length;
    await callback(s, { FromUserName: F, MsgType: 'event', Event: 'CLICK', EventKey: '找工作' });
    expect(textOf((await received(s, F, before))[0])).toBe(T.greet);
  });

  it('unfollowing opts out: nothing more is sent, reminders included; following again opts back in', async () => {
    const U = 'oLeaver000000000000000000001';
    await text(s, U, '招聘会');
    await text(s, U, '1'); // reminders for the fair
    await s.outbox.drain();
    const before = wx.sent().length;
    await callback(s, { FromUserName: U, MsgType: 'event', Event: 'unsubscribe' });
    const identity = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'wechat', address: U } }, include: { worker: true } });
    expect(identity.worker.optedOut).toBe(true);
    s.clock.advance(20 * 86400_000);
    try {
      expect(await received(s, U, before)).toEqual([]);
    } finally {
      s.clock.advance(-20 * 86400_000);
    }
    await callback(s, { FromUserName: U, MsgType: 'event', Event: 'subscribe', EventKey: '' });
    expect((await s.db.worker.findUniqueOrThrow({ where: { id: identity.workerId } })).optedOut).toBe(false);
  });
});

describe('outside the 48-hour window (45015)', () => {
  it('a fair reminder goes as the configured template message', async () => {
    const R = 'oReminded0000000000000000001';
    await text(s, R, '招聘会');
    await text(s, R, '1');
    await s.outbox.drain();
    wx.outsideWindow.add(R);
    const fair = await s.db.jobFair.findFirstOrThrow();
    const tplBefore = wx.sent('/cgi-bin/message/template/send').length;
    s.clock.set(new Date(fair.startsAt.getTime() - 2 * 3600_000 + 60_000)); // past every reminder time
    try {
      await s.outbox.drain();
      const tpl = wx
        .sent('/cgi-bin/message/template/send')
        .slice(tplBefore)
        .filter((m) => m.touser === R);
      expect(tpl.length).toBeGreaterThanOrEqual(1);
      expect(tpl[0]).toMatchObject({ template_id: 'tpl-fair-1', data: { first: { value: '招聘会提醒' } } });
      expect(tpl[0].data.keyword2.value).toContain('惠水县人力资源市场');
    } finally {
      s.clock.set('2026-12-01T02:00:00Z');
    }
  });

  it('anything else goes by SMS to the phone the worker gave, or is recorded as undeliverable', async () => {
    const P = 'oPhone00000000000000000000001';
    const N = 'oNoPhone000000000000000000001';
    await text(s, P, '保洁');
    await text(s, N, '保洁');
    const withPhone = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'wechat', address: P } } });
    const without = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'wechat', address: N } } });
    await s.db.worker.update({ where: { id: withPhone.workerId }, data: { phone: '+8613800138000' } });
    await s.outbox.drain();
    wx.outsideWindow.add(P);
    wx.outsideWindow.add(N);
    await enqueue(s.db, s.clock, [
      { idempotencyKey: 'notice-p', channel: 'wechat', recipient: P, body: '广州工控看到你报名“电焊工”了，会打电话给你。', kind: 'notice', workerId: withPhone.workerId },
      { idempotencyKey: 'notice-n', channel: 'wechat', recipient: N, body: '广州工控看到你报名“电焊工”了，会打电话给你。', kind: 'notice', workerId: without.workerId },
    ]);
    const smsBefore = twilio.sent.length;
    await s.outbox.drain();
    expect(twilio.sent.slice(smsBefore).map((m) => [m.To, m.Body])).toEqual([['+8613800138000', '广州工控看到你报名“电焊工”了，会打电话给你。']]);
    const p = await s.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'notice-p' } });
    const n = await s.db.outboundMessage.findUniqueOrThrow({ where: { idempotencyKey: 'notice-n' } });
    expect(p).toMatchObject({ state: 'failed', lastError: expect.stringContaining('sent by SMS') });
    expect(n).toMatchObject({ state: 'failed', lastError: expect.stringContaining('undeliverable') });
  });
});

describe('the access token and WeChat’s errors', () => {
  it('is fetched once, shared through the database, and fetched anew when WeChat says it is stale', async () => {
    const Z = 'oToken0000000000000000000001';
    const fetches = () => wx.calls.filter((c) => c.path === '/cgi-bin/token').length;
    const start = fetches();
    await text(s, Z, '保安');
    await s.outbox.drain();
    await text(s, Z, '电工');
    await s.outbox.drain();
    expect(fetches()).toBe(start); // the stored token still serves
    // Another process would read the same row: it does not fetch either.
    const other = new WechatApi({ appId: APP_ID, appSecret: SECRET, apiBase: wx.url }, s.db, s.clock);
    expect(await other.token()).toBe(wx.tokens.at(-1));
    expect(fetches()).toBe(start);
    // Mid-run the token goes stale (40001): one new fetch, the message still goes out, once.
    wx.expireToken();
    const before = wx.sent().length;
    await text(s, Z, '焊工');
    const got = await received(s, Z, before);
    expect(got.map(textOf)).toEqual([expect.stringMatching(/^(重新)?找：电焊工/)]);
    expect(fetches()).toBe(start + 1);
  });

  it('system busy and rate limits are retried; an unfollowed user is opted out', async () => {
    const B = 'oBusy00000000000000000000001';
    await text(s, B, '保洁');
    await s.outbox.drain();
    wx.respond('/cgi-bin/message/custom/send', { errcode: -1 }, { http: 429 });
    await text(s, B, '电工');
    const before = wx.sent().length;
    // -1: tried again shortly; then 429: tried again after a minute; then it goes, once.
    expect((await s.outbox.runOnce()).retried).toBe(1);
    s.clock.advance(5_000);
    expect((await s.outbox.drain()).retried).toBe(1);
    s.clock.advance(61_000);
    expect((await s.outbox.drain()).sent).toBe(1);
    s.clock.advance(-66_000);
    expect((await received(s, B, before)).map(textOf)).toEqual([expect.stringMatching(/^(重新)?找：电工/)]);
    wx.respond('/cgi-bin/message/custom/send', { errcode: 43004, errmsg: 'require subscribe' });
    await text(s, B, '保安');
    await s.outbox.drain();
    const identity = await s.db.identity.findUniqueOrThrow({ where: { channel_address: { channel: 'wechat', address: B } } });
    expect(identity.optedOut).toBe(true);
  });

  it('sets the custom menu from the configuration', async () => {
    await setMenu(new WechatApi({ appId: APP_ID, appSecret: SECRET, apiBase: wx.url }, s.db, s.clock), ['找工作', '招聘会', '帮助']);
    expect(wx.sent('/cgi-bin/menu/create').at(-1)).toEqual({
      button: [
        { type: 'click', name: '找工作', key: '找工作' },
        { type: 'click', name: '招聘会', key: '招聘会' },
        { type: 'click', name: '帮助', key: '帮助' },
      ],
    });
  });
});

describe('safe mode (AES)', () => {
  const W = 'oSafe000000000000000000000001';

  it('an encrypted search is decrypted and answered', async () => {
    const before = wx.sent().length;
    const r = await callback(safe, { FromUserName: W, MsgType: 'text', Content: '焊工 广州', MsgId: String(msgIds++) }, { encrypt: true });
    expect(r).toEqual({ status: 200, text: 'success' });
    const got = await received(safe, W, before);
    expect(got.map(textOf)).toEqual([expect.stringMatching(/^找：电焊工·广州\n①/)]);
  });

  it('a wrong msg_signature, or a plaintext body while safe mode is on, is 403 and stores nothing', async () => {
    const stored = await safe.db.inboundMessage.count();
    expect((await callback(safe, { FromUserName: W, MsgType: 'text', Content: '焊工', MsgId: String(msgIds++) }, { encrypt: true, badMsgSig: true })).status).toBe(403);
    expect((await text(safe, W, '焊工')).status).toBe(403);
    expect(await safe.db.inboundMessage.count()).toBe(stored);
  });
});
