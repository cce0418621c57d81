// Channel-neutral messages between the engine and the channels. No channel SDK types here:
// each channel renders a Reply its own way (buttons on Telegram, digits on SMS, buttons on web).

export interface Choice {
  /** What the worker sends back to pick it: a digit, so it also works by SMS. */
  id: string;
  label: string;
}

export interface JobCard {
  n: number;
  postingId: number;
  title: string;
  employer: string;
  reasons: string[];
}

export interface Reply {
  text: string;
  choices?: Choice[];
  /** Offer a "share my location" button where the channel has one. */
  requestLocation?: boolean;
  /** Job results, so that SMS can render them compactly. */
  cards?: JobCard[];
}

export type Channel = 'web' | 'telegram' | 'sms';

export interface Inbound {
  channel: Channel;
  /** Web user id, Telegram chat id, or E.164 phone number. */
  address: string;
  text: string;
  location?: { lat: number; lng: number };
  /** What the channel could not pass on as text (voice, sticker, photo). */
  unsupported?: 'voice' | 'sticker' | 'photo' | 'other';
}
