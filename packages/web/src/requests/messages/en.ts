import type { LocaleMessages } from '../../i18n/plural.js';

/**
 * English messages of the request-a-secret pages (`/request`, `/q/{id}`, `/i/{id}`, `/rq/{receipt}`): the
 * reference locale of this lazily loaded part. Every other locale has exactly these keys and placeholders
 * (`request-messages.test.ts`). Keys ending in `_one` / `_other` are plural forms.
 */
export const en = {
  // /request: ask for a secret
  requestTitle: 'Request a secret',
  requestIntro:
    'Ask someone for a password, key or file. They fill in your request link; what they send is encrypted in their browser, and only your inbox link can read it, once.',
  descriptionLabel: 'What do you need?',
  descriptionHint:
    'The person you ask sees this; the server does not (it is encrypted in this browser). Do not put the secret itself here.',
  waitLabel: 'How long to wait for an answer',
  answerWaitLabel: 'How long the answer may wait to be read',
  createButton: 'Create the request',
  creating: 'Creating…',
  errEmpty: 'Say what you need first.',
  errTooLong: 'The description is too long: {size} of at most {max}.',
  errNotAllowed: 'Your organisation does not allow you to request secrets.',

  // after create
  readyTitle: 'Your request is ready',
  requestLinkLabel: 'Request link: send it to the person who has the secret',
  copyRequestLink: 'Copy request link',
  requestQr: 'QR code of the request link',
  inboxLinkLabel: 'Inbox link: keep it to yourself',
  copyInboxLink: 'Copy inbox link',
  inboxWarning:
    'Keep the inbox link somewhere safe. It is the only way to read the answer: nobody can recover it for you, not even the server. Do not send it to anyone.',
  openInbox: 'Open the inbox',
  receiptLinkLabel: 'Receipt link: shows whether the request was answered and read (never the answer)',
  copyReceiptLink: 'Copy receipt link',
  waitsUntil: 'The request link works until {date}, for one answer.',
  requestAnother: 'Request another secret',

  // /q/{id}: the responder
  respondTitle: 'Someone asks you for a secret',
  askedFor: 'What they ask for',
  respondIntro:
    'What you send is encrypted in this browser. Only the person who asked can read it, once; then it is gone from the server.',
  answerLabel: 'Your secret',
  answerKept: 'If it is not read, your answer is deleted {time} after you send it.',
  sendButton: 'Send the secret',
  sending: 'Sending…',
  errAnswerEmpty: 'Enter a secret or attach a file first.',
  sentTitle: 'Sent',
  sentBody: 'Sent. The person who asked can read it once; then it is gone from the server.',
  sentExpires: 'If it is not read by {date}, it is deleted unread.',
  requestGoneTitle: 'This request is closed',
  requestGone:
    'This request was answered, burned or has expired, or never existed. Ask the person who sent it for a new one.',
  alreadyAnswered: 'Someone has already answered this request, and it takes only one answer.',
  notSent: 'Nothing of yours was sent.',
  missingKey: 'This link is incomplete: the part after the # is missing. Use the whole link.',
  badLink: 'This link is damaged and cannot be used. Use the whole link.',
  descriptionUnreadable: 'The description cannot be decrypted with this link. Ask for the whole link.',

  // /i/{id}: the requester's inbox
  inboxTitle: 'Your request’s inbox',
  inboxUnknown:
    'This inbox is unknown: the link is wrong, or the request is so long gone that nothing of it is left.',
  waitingBody: 'Nobody has answered yet. This page checks again every few seconds.',
  answeredBody: 'An answer has arrived. You can read it once: revealing it removes it from the server.',
  answerFiles_one: 'It has a file.',
  answerFiles_other: 'It has {n} files.',
  answerPassphrase: 'It is protected with a passphrase. Ask the person who answered for it.',
  revealButton: 'Reveal the answer',
  readBody: 'The answer was read. It is gone from the server.',
  expiredBody: 'This request ended without an answer being read.',
  burnedBody: 'This request was burned.',
  burnRequest: 'Burn this request',
  burnConfirm:
    'Burn this request now? Nobody will be able to answer it, and an answer not read yet is destroyed.',
  burnedNow: 'The request is burned.',

  // /rq/{receipt} and the inbox's facts
  receiptTitle: 'Request receipt',
  receiptIntro: 'Where your request stands. The receipt never shows the answer.',
  receiptUnknown: 'This receipt is unknown, or the request it belonged to is long gone.',
  stateLabel: 'State',
  state_waiting: 'Waiting for an answer',
  state_answered: 'Answered, not read yet',
  state_read: 'Read',
  state_expired: 'Expired',
  state_burned: 'Burned',
  createdAt: 'Requested',
  expiresAt: 'Waits for an answer until',
  answeredAt: 'Answered',
  readAt: 'Read',
  endedAt: 'Ended',
  refreshing: 'This page checks again every few seconds while the request is open.',
} as const;

export type RequestKey = keyof typeof en;
/** A locale's request messages: English's keys, with the plural forms that locale's plural rules use. */
export type RequestMessages = LocaleMessages<RequestKey>;

export default en;
