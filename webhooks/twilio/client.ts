// The Twilio REST client, optionally pointed at another base URL (TWILIO_API_BASE: a regional
// edge, or a local stand-in in tests). This is the only test hook of the SMS channel.
import twilio from 'twilio';
import { SendError } from '../../delivery/send-error.ts';

type RequestClient = InstanceType<typeof twilio.RequestClient>;
type RequestOptions = Parameters<RequestClient['request']>[0];

/**
 * Rewrites https://api.twilio.com/… to the configured base, and turns throttling and server
 * errors into retryable SendErrors here, where the Retry-After header is still visible.
 */
class BaseUrlClient extends twilio.RequestClient {
  constructor(private readonly base: string | null) {
    super({ timeout: 15_000 });
  }

  override async request<T>(opts: RequestOptions & { data?: T }): Promise<any> {
    if (this.base) opts.uri = opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.base);
    let res: { statusCode: number; body: T; headers: Record<string, string> };
    try {
      res = (await super.request(opts as any)) as typeof res;
    } catch (err) {
      throw SendError.retryable(`network: ${(err as Error).message}`);
    }
    if (res.statusCode === 429 || res.statusCode >= 500) {
      const after = Number(res.headers?.['retry-after']);
      throw SendError.retryable(`HTTP ${res.statusCode}`, Number.isFinite(after) && after >= 0 ? after * 1000 : undefined);
    }
    return res;
  }
}

export function twilioClient(cfg: { accountSid: string; authToken: string; apiBase: string | null }) {
  return twilio(cfg.accountSid, cfg.authToken, { httpClient: new BaseUrlClient(cfg.apiBase) as unknown as RequestClient });
}
