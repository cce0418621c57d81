// Sending fails only with an error from this closed list, decided once by the channel that
// knows its provider's answers. The outbox acts on the kind, never on the message text.

export type SendErrorKind =
  | 'retryable' // network, 5xx, throttled: try again later
  | 'permanent' // invalid number, rejected content: record the reason, never retry
  | 'opted_out'; // the person blocked the bot or replied STOP at the carrier: stop messaging them

export class SendError extends Error {
  constructor(
    readonly kind: SendErrorKind,
    readonly reason: string,
    /** When the provider said how long to wait (Telegram retry_after, HTTP Retry-After). */
    readonly retryAfterMs?: number,
  ) {
    super(reason);
  }

  static retryable(reason: string, retryAfterMs?: number): SendError {
    return new SendError('retryable', reason, retryAfterMs);
  }
  static permanent(reason: string): SendError {
    return new SendError('permanent', reason);
  }
  static optedOut(reason: string): SendError {
    return new SendError('opted_out', reason);
  }
}
