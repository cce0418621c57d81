// Messages for web-chat users (fair reminders, notices) cannot be pushed to a browser: they are
// marked sent and the chat page fetches them from GET /api/chat/messages.
import type { OutgoingMessage, Sender, SendResult } from '../../delivery/sender.ts';

export class WebSender implements Sender {
  readonly channel = 'web';
  async send(msg: OutgoingMessage): Promise<SendResult> {
    return { providerId: `web-${msg.id}` };
  }
}
