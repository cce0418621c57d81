// A lone UTF-16 surrogate in text from outside ("ab\ud800cd") reaches the store as U+FFFD, in
// every table, instead of failing the query (which answered workers with a 500 before).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wellFormedDeep } from '../../lib/text.ts';
import { freshDb, type TestDb } from '../support/db.ts';

let t: TestDb;
beforeAll(async () => {
  t = await freshDb();
});
afterAll(() => t.cleanup());

describe('text with lone surrogates', () => {
  it('is stored with U+FFFD in its place, in creates, updates and filters', async () => {
    const msg = await t.db.inboundMessage.create({ data: { channel: 'web', providerId: 'x\ud800', text: 'ab\ud800cd\udfff' } });
    expect(msg.text).toBe('ab\ufffdcd\ufffd');
    const w = await t.db.worker.create({ data: { lastQuery: '焊工\udc00' } });
    await t.db.worker.update({ where: { id: w.id }, data: { name: '\ud83d张' } });
    expect(await t.db.worker.findUniqueOrThrow({ where: { id: w.id } })).toMatchObject({ lastQuery: '焊工\ufffd', name: '\ufffd张' });
    expect(await t.db.inboundMessage.count({ where: { providerId: 'x\ud800' } })).toBe(1);
  });

  it('keeps well-formed text, emoji pairs, dates and bytes as they are', () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const at = new Date('2026-12-01T00:00:00Z');
    const v = wellFormedDeep({ a: '📍焊工', b: [at, bytes, 5, null], c: { d: 'ok' } });
    expect(v).toEqual({ a: '📍焊工', b: [at, bytes, 5, null], c: { d: 'ok' } });
    expect(v.b[1]).toBe(bytes);
  });
});
