// What sort of message a row is decides how the outbox treats it at send time.

export type MessageKind = 'reply' | 'reminder' | 'notice' | 'alert' | 'digest' | 'deletion-confirmation' | 'verification' | 'staff-reply';

/**
 * An answer to what the person has just sent us. The person is talking to us, so their opt-out
 * does not silence it; the deletion confirmation goes out although the worker it answers is gone.
 * A staff member's reply to a hand-over is one too: the worker asked for a person (handover/),
 * so having unsubscribed from alerts does not stop the answer. It is still stopped once the
 * worker asked to be forgotten (delivery/guard.ts), like every message but the confirmation.
 */
export const isAnswer = (kind: string) => kind === 'reply' || kind === 'deletion-confirmation' || kind === 'staff-reply';

/**
 * Someone is waiting for it now: not held for quiet hours (a code held until morning has expired).
 * That includes a staff reply: the worker was told when to expect it, and staff mostly answer in
 * office hours; one written late at night answers a question the worker sent, so it is not held.
 */
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
