import type { LocaleMessages, PlainKey } from '../../i18n/plural.js';

/**
 * English messages of the restrictions (create page) and of recipient verification and refusals (reveal page):
 * the reference locale of this lazily loaded part. Every other locale has exactly these keys and placeholders
 * (`i18n/translations.test.ts`). Keys ending in `_one` / `_other` are plural forms.
 */
export const en = {
  intro:
    'The server checks these before the secret opens. An attempt that is turned away uses up nothing. Leave a field empty to not use it.',
  recipientsLabel: 'Recipient email addresses',
  recipientsHint:
    'The recipient picks their address on the link’s page and types in a 6-digit code that is emailed to them. One address per line or separated by commas, at most {max}. The server keeps the addresses only until the secret is gone.',
  recipientsRequired: 'Your organisation requires this: enter at least one address.',
  recipientsDomains: 'Your organisation allows addresses at: {domains}.',
  verificationUnavailable:
    'Your organisation requires recipient verification, but this server cannot send email. Ask the operator.',
  networksLabel: 'Allowed networks',
  networksHint:
    'The secret opens only from these addresses: IPv4 or IPv6 ranges such as 203.0.113.0/24 or 2001:db8::/32, one per line or separated by commas.',
  networksPolicy:
    'Your organisation requires these networks: {cidrs}. You may narrow them; left empty, they apply as they are.',
  hoursToggle: 'Only during office hours',
  hoursDays: 'Days',
  hoursStart: 'From',
  hoursEnd: 'Until',
  hoursZone: 'Time zone',
  hoursHint: 'In the time zone chosen here, whatever the recipient’s. An end of 00:00 means midnight.',
  hoursFixed: 'Your organisation requires office hours: {days}, {start}–{end} ({zone}).',
  countriesLabel: 'Allowed countries',
  countriesHint:
    'Two-letter country codes such as NL, SE or DE, separated by commas or spaces. The server finds a connection’s country in a location database, which can be wrong, for example behind a VPN.',
  countriesNamed: 'Allowed: {names}.',
  countriesPolicy: 'Your organisation allows only: {codes}. You may narrow the list; left empty, it applies.',
  policyDefault: 'Prefilled with your organisation’s default. You may change it.',
  passphraseRequired: 'Your organisation requires a passphrase.',
  passphraseMin: 'Your organisation requires a passphrase of at least {n} characters.',

  errEmail: '“{value}” is not an email address.',
  errTooMany: 'Too many entries: {count} of at most {max}.',
  errDomain: '“{value}” is not at a domain your organisation allows ({domains}).',
  errCidr: '“{value}” is not a network. Write an address and a prefix length, such as 192.168.1.0/24.',
  errCidrPolicy: '{value} is outside the networks your organisation allows.',
  errDays: 'Choose at least one day for the office hours.',
  errTime: 'Enter the office hours as hours and minutes, such as 09:00.',
  errOrder: 'The office hours must end after they start (they cannot run past midnight).',
  errZone: '“{value}” is not a time zone. Use a name such as Europe/Amsterdam.',
  errCountry: '“{value}” is not a two-letter country code.',
  errCountryPolicy: '{value} is not among the countries your organisation allows.',

  failInvalid:
    'The server did not accept the restrictions. Check the addresses, networks, office hours and countries.',
  failUnavailable:
    'This server cannot enforce one of these restrictions: it has no mail server (for recipient verification) or no location database (for countries). Remove it and try again.',
  failPolicy: 'Your organisation’s rules do not allow this secret: {rule}',
  rule_members_only: 'only current members may create secrets.',
  rule_max_ttl: 'the lifetime is longer than allowed.',
  rule_max_views: 'it allows more views than allowed.',
  rule_passphrase_required: 'a passphrase is required.',
  rule_passphrase_min_length: 'the passphrase is too short.',
  rule_verification_required: 'recipient verification is required.',
  rule_recipient_domains: 'a recipient address is at a domain that is not allowed.',
  rule_networks: 'the networks go beyond the allowed ones.',
  rule_countries: 'the countries go beyond the allowed ones.',
  rule_office_hours: 'the office hours differ from the required ones.',
  rule_server_encryption: 'the secret must be encrypted in the browser.',
  rule_unknown: 'rule “{rule}”.',

  noteNetwork: 'This link only opens from certain networks.',
  noteHours: 'This link only opens during certain hours.',
  noteCountry: 'This link only opens from certain countries.',
  verifyLegend: 'Confirm your email address',
  verifyIntro:
    'The sender asked for the recipient to be confirmed. Pick your address, and a 6-digit code is emailed to you.',
  verifyPick: 'Your email address',
  sendCode: 'Send code',
  sendNewCode: 'Send a new code',
  sendingCode: 'Sending…',
  codeSent: 'A code was sent to {to}. It is valid until {time}.',
  codeLabel: '6-digit code',
  codeHint:
    'From the email. If it does not arrive within a few minutes, check your spam folder or send a new code.',
  errPick: 'Pick your email address first.',
  errCodeFormat: 'Enter the 6-digit code from the email.',
  errSendFirst: 'Send a code to your email address first, then enter it here.',
  codeWrong_one: 'That code is not right. 1 more try with this code.',
  codeWrong_other: 'That code is not right. {n} more tries with this code.',
  codeUsedUp:
    'This code no longer works: it was entered wrongly too often, was used already or has expired. Send a new code.',
  codeLimit: 'No more codes can be sent for this secret. Ask the sender for a new link.',
  mailUnavailable: 'The email could not be sent just now. Try again in a few minutes.',
  verificationRequired:
    'This secret opens only after you confirm your email address: pick it, send a code and enter the code.',
  outsideHours: 'This secret opens only during the hours the sender chose. It opens next on {when}.',
  outsideHoursLater: 'This secret opens only during the hours the sender chose, and it is closed now.',
  networkRefused:
    'This secret opens only from the networks the sender chose, such as an office network or a VPN, and your connection is not one of them.',
  countryRefused: 'This secret cannot be opened from the country you are connecting from.',
  nothingUsed: 'Nothing was used up: the link still works when you try again.',
} as const;

export type RestrictionKey = PlainKey<keyof typeof en>;
export type RestrictionMessages = LocaleMessages<keyof typeof en>;

export default en;
