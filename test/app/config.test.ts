import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../app/config.ts';

describe('configuration', () => {
  it('runs with no variables at all', () => {
    const c = loadConfig({});
    expect(c.port).toBe(3000);
    expect(c.databaseUrl).toBe('file:./data/huishui.db');
    expect(c.telegram).toBeNull();
    expect(c.twilio).toBeNull();
    expect(c.quietHours).toEqual({ start: 21, end: 8 });
  });

  it('lists every problem at once, with the variable name', () => {
    try {
      loadConfig({ PORT: 'abc', TIME_ZONE: 'Mars/Base', TWILIO_ACCOUNT_SID: 'x', QUIET_HOURS: '25-3' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      for (const k of ['PORT', 'TIME_ZONE', 'TWILIO_ACCOUNT_SID', 'TWILIO_AUTH_TOKEN', 'QUIET_HOURS']) expect(msg).toContain(k);
    }
  });

  it('requires a webhook secret when Telegram runs behind a public URL', () => {
    expect(() => loadConfig({ TELEGRAM_BOT_TOKEN: '123:abc', PUBLIC_URL: 'https://jobs.example.org' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
  });
});
