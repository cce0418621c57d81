// The WeChat message protocol against the documented sample (官方「消息加解密」sample code:
// EncodingAESKey abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG, AppID wxb11529c136998cb6, random
// aaaabbbbccccdddd, message 我是中文abcd123), and the ways a callback can be wrong.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../app/config.ts';
import { actionOf } from '../../webhooks/wechat/intake.ts';
import { buildEnvelope, MessageCrypto, parseEnvelope, sameSignature, signature } from '../../webhooks/wechat/protocol.ts';
import { choiceFromMenuId, renderWechat } from '../../webhooks/wechat/render.ts';
import { templateData } from '../../webhooks/wechat/sender.ts';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const APP = 'wxb11529c136998cb6';

describe('safe-mode crypto', () => {
  it('encrypts the documented sample to the documented result, and back', () => {
    const c = new MessageCrypto(KEY, APP);
    const enc = c.encrypt('我是中文abcd123', Buffer.from('aaaabbbbccccdddd'));
    expect(enc).toBe('jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==');
    expect(c.decrypt(enc)).toBe('我是中文abcd123');
  });

  it('refuses a message for another AppID, garbage, and a bad key', () => {
    const enc = new MessageCrypto(KEY, 'wx0000000000000000').encrypt('<xml/>');
    expect(() => new MessageCrypto(KEY, APP).decrypt(enc)).toThrow(/another AppID/);
    expect(() => new MessageCrypto(KEY, APP).decrypt('bm90IGNpcGhlcnRleHQ=')).toThrow();
    expect(() => new MessageCrypto('short', APP)).toThrow(/43 characters/);
  });

  it('signs as WeChat does: SHA-1 of the sorted parts', () => {
    expect(signature('token', '1409304348', 'xxxxxx')).toBe(signature('xxxxxx', 'token', '1409304348'));
    expect(sameSignature(signature('a', 'b'), signature('b', 'a'))).toBe(true);
    expect(sameSignature(signature('a', 'b'), 'f'.repeat(40))).toBe(false);
    expect(sameSignature('abc', 'abcd')).toBe(false);
  });
});

describe('XML', () => {
  it('keeps MsgId as text, reads CDATA, and writes values that contain ]]>', () => {
    const xml = buildEnvelope({ FromUserName: 'o1', MsgType: 'text', Content: 'a]]>b<c>&', MsgId: '6123456789012345678' });
    expect(parseEnvelope(xml)).toEqual({ FromUserName: 'o1', MsgType: 'text', Content: 'a]]>b<c>&', MsgId: '6123456789012345678' });
    expect(parseEnvelope('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><xml><Content>&e;</Content></xml>')?.Content ?? '').not.toContain('root');
    expect(parseEnvelope('not xml at all')).toBeNull();
    expect(parseEnvelope('<other>1</other>')).toBeNull();
  });
});

describe('callbacks to actions', () => {
  const base = { FromUserName: 'oUser1', CreateTime: '1764554400' };
  it('reads text, menu taps, voice, location, events', () => {
    expect(actionOf({ ...base, MsgType: 'text', Content: '焊工', MsgId: '1' })).toMatchObject({ kind: 'message', providerId: '1', inbound: { address: 'oUser1', text: '焊工' } });
    expect(actionOf({ ...base, MsgType: 'text', Content: '①电焊工', bizmsgmenuid: '12.1', MsgId: '2' })).toMatchObject({ inbound: { text: '1', menu: 12 } });
    expect(actionOf({ ...base, MsgType: 'voice', Recognition: '保洁。', MsgId: '3' })).toMatchObject({ inbound: { text: '保洁。' } });
    expect(actionOf({ ...base, MsgType: 'voice', Recognition: '', MsgId: '4' })).toMatchObject({ inbound: { unsupported: 'voice_unclear' } });
    expect(actionOf({ ...base, MsgType: 'location', Location_X: '26.01', Location_Y: '106.59', MsgId: '5' })).toMatchObject({ inbound: { location: { lat: 26.01, lng: 106.59 } } });
    expect(actionOf({ ...base, MsgType: 'location', Location_X: 'x', Location_Y: '999', MsgId: '6' })).toMatchObject({ inbound: { unsupported: 'other' } });
    expect(actionOf({ ...base, MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_fair_7' })).toMatchObject({
      subscribe: true,
      inbound: { text: '/start fair_7' },
      providerId: 'oUser1:1764554400:subscribe',
    });
    expect(actionOf({ ...base, MsgType: 'event', Event: 'SCAN', EventKey: 'fair_7' })).toMatchObject({ inbound: { text: '/start fair_7' } });
    expect(actionOf({ ...base, MsgType: 'event', Event: 'unsubscribe' })).toMatchObject({ kind: 'unsubscribe', address: 'oUser1' });
    expect(actionOf({ ...base, MsgType: 'event', Event: 'VIEW', EventKey: 'https://x' })).toMatchObject({ kind: 'ignore' });
    expect(actionOf({ MsgType: 'text', Content: 'x' })).toMatchObject({ kind: 'ignore' });
  });

  it('menu ids carry the menu number; other ids are plain text', () => {
    expect(choiceFromMenuId('3')).toEqual({ text: '3' });
    expect(choiceFromMenuId('12.3')).toEqual({ text: '3', menu: 12 });
    expect(choiceFromMenuId('drop table')).toBeNull();
  });

  it('renders choices as a menu message and plain replies as text', () => {
    expect(renderWechat({ text: '你好', choices: [{ id: '1', label: '🏭进厂' }], menu: 4 }).payload).toEqual({
      msgtype: 'msgmenu',
      msgmenu: { head_content: '你好', list: [{ id: '4.1', content: '🏭进厂' }], tail_content: '' },
    });
    expect(renderWechat({ text: '好的' }).payload).toEqual({ msgtype: 'text' });
    expect(Buffer.byteLength(renderWechat({ text: '长'.repeat(3000) }).body)).toBeLessThanOrEqual(2048);
  });

  it('a reminder fills the template’s fields line by line', () => {
    expect(templateData('【惠水就业】明天9点冬季招聘会\n县体育馆\n3个岗位适合你 回“去”确认 TD退订')).toEqual({
      first: { value: '招聘会提醒' },
      keyword1: { value: '明天9点冬季招聘会' },
      keyword2: { value: '县体育馆' },
      remark: { value: '3个岗位适合你 回“去”确认 TD退订' },
    });
  });
});

describe('configuration', () => {
  const ok = { WECHAT_APP_ID: 'wx0123456789abcdef', WECHAT_APP_SECRET: 'a'.repeat(32), WECHAT_TOKEN: 'token123' };
  it('takes a complete account, plaintext or safe mode, with the default menu', () => {
    expect(loadConfig(ok).wechat).toMatchObject({ encodingAesKey: null, apiBase: 'https://api.weixin.qq.com', menu: ['找工作', '招聘会', '帮助'] });
    expect(loadConfig({ ...ok, WECHAT_ENCODING_AES_KEY: KEY, WECHAT_MENU: '找活，招聘会' }).wechat).toMatchObject({ encodingAesKey: KEY, menu: ['找活', '招聘会'] });
  });
  it('says what is wrong', () => {
    expect(() => loadConfig({ WECHAT_APP_ID: 'wx0123456789abcdef' })).toThrow(/WECHAT_APP_SECRET[\s\S]*WECHAT_TOKEN/);
    expect(() => loadConfig({ ...ok, WECHAT_ENCODING_AES_KEY: 'short' })).toThrow(/WECHAT_ENCODING_AES_KEY/);
    expect(() => loadConfig({ ...ok, WECHAT_MENU: 'a,b,c,d' })).toThrow(/WECHAT_MENU/);
    expect(() => loadConfig({ ...ok, WECHAT_API_BASE: 'ftp://x' })).toThrow(/WECHAT_API_BASE/);
  });
});
