/**
 * English messages of the CLI: the reference. Each locale in `catalogue.ts` has exactly these keys and
 * `{placeholders}` (`catalogue.test.ts`). Option names, command names, `--json` output and exit codes are never
 * translated. Lines are for a terminal: keep `help` within 110 columns.
 */
export const en = {
  help: `Usage: burnlink COMMAND [options]

One-time, end-to-end encrypted secret links. Secrets are encrypted on this machine; the server never sees
the key (it sits in the link's #fragment, which is never sent).

Commands:
  send [TEXT]            encrypt and upload a secret (TEXT, stdin or a prompt; --file PATH attaches files);
                         prints its link
  get LINK               open a link once; prints the secret (--output DIR saves its files)
  request [DESCRIPTION]  ask someone for a secret: prints the request link to send them (the inbox link,
                         to read the answer with get, goes to stderr)
  respond REQUEST_LINK   answer a request with a secret from stdin (--file PATH attaches files)
  status RECEIPT_LINK    what happened to a secret you sent
  burn RECEIPT_LINK|ID   destroy a secret you sent, now (by its ID or secret link with an API key)
  list                   your organisation's secrets (--scope own|team|org); needs an API key
  login                  store an API key for a server (read hidden, or from stdin); logout deletes it
  generate               print a random password
  serve                  run the burnlink server
  admin COMMAND          administer accounts on the server's stores: create-org, invite, create-key,
                         list-keys, revoke-key, audit (see: burnlink admin --help)

Run \`burnlink COMMAND --help\` for a command's options.

Environment:
  BURNLINK_URL           server for send, status, burn and list (default: the server of burnlink login, else
                         http://127.0.0.1:8080)
  BURNLINK_API_KEY       API key (bl_…) sent to that server: secrets you send belong to its organisation;
                         list and burn by ID need it (burnlink login stores one instead)
  BURNLINK_PASSPHRASE    passphrase when there is no terminal to ask on (send --passphrase, get)

Exit codes:
  0 ok · 1 unexpected error · 2 bad usage or input · 3 unknown, expired or already used secret
  4 wrong passphrase · 5 locked (burned after too many wrong passphrases) · 6 server unreachable
  7 server error · 8 rate limited · 9 passphrase required but none available
  10 a file could not be written to --output · 11 no API key, or the server refused it (401)
  12 the API key lacks the scope or reach (403) · 13 refused by the secret's restrictions (office hours,
  network, country) · 14 recipient verification needed or the code was wrong
  15 the request has no answer yet (get INBOX_LINK)
  130 cancelled (Ctrl-C)

Options:
  -h, --help             show this help
  -v, --version          print the version
`,

  unknownCommand: 'unknown command{name}',
  unknownCommandLinkHint: '; to open a link: burnlink get LINK',
  unknownCommandHelpHint: ' (see: burnlink --help)',
  cancelled: 'cancelled',
  unexpected: 'unexpected error ({kind}); please report it',

  promptSecret: 'Secret (hidden): ',
  promptPassphrase: 'Passphrase: ',
  promptPassphraseAgain: 'Passphrase (again): ',
  promptApiKey: 'API key (hidden): ',
  promptSendCode: 'Send the code? [1]: ',
  promptAddress: 'Your address [1-{count}]: ',
  promptCode: 'Verification code: ',
  emptySecret: 'the secret is empty',
  emptyPassphrase: 'the passphrase is empty',
  passphrasesDiffer: 'the two passphrases differ',

  sentPassword: 'Password (shown once): {password}',
  sentReceipt: 'Receipt: {link}',
  sentExpires: 'Expires: {at} ({relative})',
  burned: 'Burned: the link no longer works.',
  noSecrets: 'No secrets.',
  notLoggedIn: 'Not logged in: no stored key.',

  hintNotAuthenticated: ' (set BURNLINK_API_KEY to a valid key, or run: burnlink login)',
  hintForbidden: ' (ask an admin for a key with that scope)',
  // A failure in another language is said by its reason; English shows the SDK's own detailed message.
  fail_not_found: 'unknown secret: it never existed, has expired, or was already viewed or burned',
  fail_wrong_passphrase: 'wrong passphrase; attempts left before the secret burns: {n}',
  fail_locked: 'wrong passphrase, and that was the last attempt: the secret has been burned',
  fail_passphrase_required: 'this secret is protected by a passphrase; none was given (nothing was consumed)',
  fail_rate_limited: 'too many requests: try again later',
  fail_invalid_request: 'the server refused the request ({code})',
  fail_bad_link: 'not a valid burnlink link',
  fail_decrypt_failed: 'the secret could not be decrypted with this link: it is damaged or incomplete',
  fail_network: 'the server cannot be reached',
  fail_server: 'the server failed or answered something unexpected',
  fail_cancelled: 'cancelled',
  fail_restricted: 'the secret’s restrictions refused this attempt ({code}); nothing was consumed',
  fail_verification_required: 'this secret opens only for a verified recipient (nothing was consumed)',
  fail_verification_code_invalid: 'the verification code is wrong, used or expired (nothing was consumed)',
  fail_request_not_found: 'unknown request: it was answered, burned or has expired, or never existed',
  fail_request_answered: 'this request has already been answered: it takes one response only',
} as const;

export type CliKey = keyof typeof en;
export type CliMessages = Record<CliKey, string>;

export default en;
