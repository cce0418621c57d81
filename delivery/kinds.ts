// What sort of message a row is decides how the outbox treats it at send time.

export type MessageKind = 'reply' | 'reminder' | 'notice' | 'alert' | 'digest' | 'deletion-confirmation' | 'verification';

/**
 * An answer to what the person has just sent us. The person is talking to us, so their opt-out
 * does not silence it; the deletion confirmation goes out although the worker it answers is gone.
 */
export const isAnswer = (kind: string) => kind === 'reply' || kind === 'deletion-confirmation';

/** Someone is waiting for it now: not held for quiet hours (a code held until morning has expired). */
export const isUrgent = (kind: string) => isAnswer(kind) || kind === 'verification';

/**
 * Not to be kept once it has left (or can no longer leave): the last word to a worker who asked
 * to be forgotten, and a one-time code. Their recipient and body are blanked after the last attempt.
 */
export const isEphemeral = (kind: string) => kind === 'deletion-confirmation' || kind === 'verification';

/** What a blanked row keeps: no address, no text, nothing that leads back to a person. */
export const forgottenFields = (id: number) => ({
  recipient: '[deleted]',
  body: '[已删除]',
  payload: '{}',
  idempotencyKey: `forgotten:${id}`,
  providerId: null,
});
