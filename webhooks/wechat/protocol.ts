// WeChat Official Account message protocol: the URL signature, safe-mode encryption (AES with
// the account's EncodingAESKey) and the XML envelope. Hand-written on Node's crypto because the
// WeChat libraries on npm are unmaintained or for WeCom; the algorithm is small and fixed
// (官方文档「消息加解密说明」), and the tests check it against the documented sample.
//
// Safe mode: key = base64(EncodingAESKey + "="), 32 bytes; AES-256-CBC, IV = key[0..16];
// plaintext = 16 random bytes ‖ length of msg (4 bytes, big-endian) ‖ msg ‖ AppID, padded
// PKCS#7 to a multiple of 32 bytes (not 16: Node's own padding is turned off).
import crypto from 'node:crypto';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';

const BLOCK = 32;

/** The signature WeChat puts on every callback: SHA-1 of the sorted strings, joined. */
export function signature(...parts: string[]): string {
  return crypto
    .createHash('sha1')
    .update([...parts].sort().join(''))
    .digest('hex');
}

/** Constant-time comparison of two hex signatures (a wrong length is simply unequal). */
export function sameSignature(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export class WechatCryptoError extends Error {}

export class MessageCrypto {
  private readonly key: Buffer;

  constructor(
    encodingAesKey: string,
    private readonly appId: string,
  ) {
    if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new WechatCryptoError('EncodingAESKey must be 43 characters of A-Z a-z 0-9 + /');
    this.key = Buffer.from(`${encodingAesKey}=`, 'base64');
    if (this.key.length !== 32) throw new WechatCryptoError('EncodingAESKey does not decode to 32 bytes');
  }

  /** The plain XML inside an <Encrypt> value; throws when it is not ours (bad padding, other AppID). */
  decrypt(encrypted: string): string {
    let plain: Buffer;
    try {
      const decipher = crypto.createDecipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
      decipher.setAutoPadding(false);
      plain = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
    } catch {
      throw new WechatCryptoError('could not decrypt');
    }
    const pad = plain[plain.length - 1];
    if (!pad || pad > BLOCK || plain.length < 20 + pad) throw new WechatCryptoError('bad padding');
    const body = plain.subarray(16, plain.length - pad);
    const len = body.readUInt32BE(0);
    if (4 + len > body.length) throw new WechatCryptoError('bad length');
    const appId = body.subarray(4 + len).toString('utf8');
    if (appId !== this.appId) throw new WechatCryptoError('message for another AppID');
    return body.subarray(4, 4 + len).toString('utf8');
  }

  /** Encrypts a message as WeChat does (used by tests and any encrypted passive reply). */
  encrypt(message: string, random: Buffer = crypto.randomBytes(16)): string {
    const msg = Buffer.from(message, 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32BE(msg.length, 0);
    const raw = Buffer.concat([random, len, msg, Buffer.from(this.appId, 'utf8')]);
    const pad = BLOCK - (raw.length % BLOCK);
    const cipher = crypto.createCipheriv('aes-256-cbc', this.key, this.key.subarray(0, 16));
    cipher.setAutoPadding(false);
    return Buffer.concat([cipher.update(Buffer.concat([raw, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
  }
}

// Every value is read as text (MsgId is a 64-bit number: no float), CDATA included, no entities
// beyond XML's own, and no DOCTYPE processing (fast-xml-parser does not expand external entities).
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true, processEntities: true, htmlEntities: false });

/** The fields of a <xml>…</xml> envelope, all as strings; null when it is not one. */
export function parseEnvelope(xml: string): Record<string, string> | null {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch {
    return null;
  }
  const root = (doc as { xml?: unknown })?.xml;
  if (!root || typeof root !== 'object') return null;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(root as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

const builder = new XMLBuilder({ cdataPropName: '__cdata', format: false });

/** A <xml> envelope with the values in CDATA (how WeChat writes and reads them). */
export function buildEnvelope(fields: Record<string, string | number>): string {
  const xml: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) xml[k] = typeof v === 'number' ? v : { __cdata: v };
  return builder.build({ xml }) as string;
}
