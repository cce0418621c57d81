// What a channel must offer the outbox: send one message, or fail with a SendError.
// Implemented in webhooks/<channel>/; the outbox never imports a channel.

export interface OutgoingMessage {
  id: number;
  channel: string;
  recipient: string;
  body: string;
  /** Channel-neutral extras (choices, location request), JSON-decoded. */
  payload: Record<string, unknown>;
  kind: string;
}

export interface SendResult {
  providerId?: string;
}

export interface Sender {
  readonly channel: string;
  send(msg: OutgoingMessage): Promise<SendResult>;
}
