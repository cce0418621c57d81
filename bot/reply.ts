// Channel-neutral messages between the engine and the channels. No channel SDK types here:
// each channel renders a Reply its own way (buttons on Telegram, digits on SMS, buttons on web).

export interface Choice {
  /** What the worker sends back to pick it: a digit, so it also works by SMS. */
  id: string;
  label: string;
}

/** One job of a result list, in the few everyday words a card shows; details come on tap. */
export interface JobCard {
  /** The digit that opens the job's details (1–3). */
  n: number;
  postingId: number;
  /** Everyday trade name (电焊工, 货车司机), or the posting's title, cleaned, when it has none. */
  title: string;
  employer: string;
  /** Short place: 广州白云 or 离家12公里; empty when unknown. */
  place: string;
  /** Short pay: 8000-12000/月, 200/天, 计件; empty when unknown. */
  pay: string;
  /** One short reason or fact worth the worker's eye: 对口, 相近, 包吃住, 日结; may be empty. */
  note: string;
}

export interface Reply {
  text: string;
  choices?: Choice[];
  /**
   * Which menu these choices belong to (the conversation's menu counter when they were sent).
   * A tap that comes back with an older number is outdated: the web disables such buttons, and
   * the engine answers an outdated tap politely without acting on it.
   */
  menu?: number;
  /** Offer a "share my location" button where the channel has one. */
  requestLocation?: boolean;
  /** Job results, so that each channel can lay them out (SMS compact lines, web one card each). */
  cards?: JobCard[];
}

export type Channel = 'web' | 'telegram' | 'sms' | 'wechat';

export interface Inbound {
  channel: Channel;
  /** Web user id, Telegram chat id, E.164 phone number, or WeChat OpenID. */
  address: string;
  text: string;
  /** Set when the text is a tapped choice: the menu number the button carried (see Reply.menu). */
  menu?: number;
  location?: { lat: number; lng: number };
  /** What the channel could not pass on as text (voice, sticker, photo); voice_unclear: a voice message WeChat could not transcribe. */
  unsupported?: 'voice' | 'voice_unclear' | 'sticker' | 'photo' | 'other';
}
