import type { LocaleMessages, PlainKey } from '../../../i18n/plural.js';

/**
 * English messages of the domains page (`/domains`: custom domains, their DNS record, branding): the reference.
 * A set of its own, loaded only with that page; each locale has a module with exactly these keys
 * (`i18n/translations.test.ts`).
 */
export const en = {
  domainsTitle: 'Domains',
  domainsIntro:
    'Serve this service on your own domain, with your organisation’s name, logo and colour. Links your members create then use that domain.',
  domainsRoleNeeded: 'Domains and branding are managed by owners and administrators. Your role is {role}.',
  domainsList: 'Your domains',
  domainsNone: 'No domains yet.',
  statePending: 'Pending',
  stateActive: 'Active',
  stateSuspended: 'Suspended',
  pendingText: 'Not served yet: publish the DNS record below, then choose “Verify now”.',
  activeText: 'Served with your branding since {date}.',
  missingText:
    'The DNS record has been missing since {date}. Publish it again, or the domain will be suspended.',
  suspendedText:
    'Suspended since {date}: the DNS record was missing for too long. Publish it again and verify.',
  lastCheck: 'Last check, {date}: {result}',
  neverChecked: 'Not checked yet.',
  checkVerified: 'the record was found; the domain is verified.',
  checkNoRecord: 'no TXT record was found at that name.',
  checkWrongRecord: 'a TXT record was found, but with another value.',
  checkDnsError: 'the DNS servers did not answer, so nothing changed. Try again later.',
  checkTaken: 'another organisation verified this domain first.',
  txtRecord: 'DNS record to publish (type TXT)',
  txtName: 'Record name',
  txtValue: 'Record value',
  copyTxtName: 'Copy record name',
  copyTxtValue: 'Copy record value',
  verifyNow: 'Verify now',
  verifying: 'Checking…',
  remove: 'Remove',
  removeConfirm: 'Remove {name}? Pages and links on it stop working.',
  removeYes: 'Yes, remove',
  removed: '{name} was removed.',
  addTitle: 'Add a domain',
  addName: 'Domain name',
  addHint: 'A host name such as secrets.example.com. You then prove it is yours with a DNS record.',
  addButton: 'Add domain',
  adding: 'Adding…',
  added: '{name} was added. Publish its DNS record, then verify it.',
  addMissing: 'Enter a domain name first.',
  errInvalidDomain:
    'This server cannot serve that name: use a host name such as secrets.example.com, not an IP address nor this server’s own address.',
  errDomainTaken: 'That domain is already in use, by your organisation or another one.',
  errTooManyDomains: 'Your organisation has the most domains allowed (20). Remove one first.',
  errInvalidLogo:
    'The server did not accept this image. Use a PNG of at most 1024 × 1024 pixels or a plain SVG, at most 64 KB.',
  errBrandingUnavailable: 'Branding is not available on this server (code: {code}).',
  brandingTitle: 'Branding',
  brandingIntro: 'How pages on your domains look. This server’s main address keeps its own look.',
  brandingNotSet: 'No branding yet: pages on your domains look like this server’s own until you save it.',
  brandingName: 'Name',
  brandingNameHint: 'Shown in the header of pages on your domains.',
  brandingAccent: 'Accent colour',
  brandingAccentHint: 'As # and six hexadecimal digits, such as #0a7d38. Leave empty for the usual colour.',
  brandingAccentPick: 'Choose the accent colour',
  brandingSupport: 'Support contact (optional)',
  brandingSupportHint: 'An email address or an address starting with https://, shown in the footer.',
  brandingLanguage: 'Default language',
  brandingLanguageNone: 'The visitor’s browser language',
  brandingLanguageHint: 'Used when a visitor has not chosen a language.',
  brandingSave: 'Save branding',
  brandingSaving: 'Saving…',
  brandingSaved: 'Branding saved.',
  errName: 'Enter a name of at most 80 characters.',
  errAccent: 'Enter the colour as # and six hexadecimal digits, such as #0a7d38, or leave it empty.',
  errSupport: 'Enter an email address or an address starting with https://, or leave it empty.',
  logoTitle: 'Logo',
  logoFile: 'Logo file (SVG or PNG, at most 64 KB)',
  logoCurrentSvg: 'Current logo: an SVG image.',
  logoCurrentPng: 'Current logo: a PNG image.',
  logoNone: 'No logo yet: pages show the name only.',
  logoUpload: 'Upload logo',
  logoUploading: 'Uploading…',
  logoUploaded: 'Logo uploaded.',
  logoRemove: 'Remove logo',
  logoRemoveConfirm: 'Remove the logo? Pages on your domains then show the name only.',
  logoRemoveYes: 'Yes, remove the logo',
  logoRemoved: 'Logo removed.',
  logoChoose: 'Choose a file first.',
  logoErrType: 'Choose an SVG or PNG file.',
  logoErrSize: 'This file is larger than 64 KB.',
  logoErrRead: 'This file could not be read.',
  previewTitle: 'Preview',
} as const;

export type DomainMessages = LocaleMessages<keyof typeof en>;
export type DomainKey = PlainKey<keyof typeof en>;

export default en;
