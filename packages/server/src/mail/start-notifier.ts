import type { AccountsStore } from '../accounts/accounts-store.js';
import type { ServerConfig } from '../config.js';
import type { Mailer } from './mailer.js';
import { Notifier, type NotifierDeps, type NotifierOptions } from './notifier.js';

/**
 * Who is told about each of these secrets: the creator's address, for owned secrets created with `notify`
 * whose creator (the person, or the person who made the key) is still a member of the secret's organisation.
 * A key made by `burnlink admin create-key` has no creator, so nobody is mailed.
 */
export function notifyRecipients(accounts: AccountsStore): NotifierDeps['recipients'] {
  return async (secretIds) => {
    const owned = await accounts.ownersOf(secretIds);
    const addresses = new Map<string, string | null>();
    const recipients = new Map<string, string>();
    for (const [secretId, secret] of owned) {
      if (!secret.notify || secret.creatorId === null) continue;
      const key = `${secret.orgId}/${secret.creatorId}`;
      if (!addresses.has(key)) {
        const member = await accounts.getMember(secret.orgId, secret.creatorId);
        const user = member === null ? null : await accounts.getUser(secret.creatorId);
        addresses.set(key, user?.email ?? null);
      }
      const address = addresses.get(key);
      if (address) recipients.set(secretId, address);
    }
    return recipients;
  };
}

/**
 * Starts the notifier when the operator configured mail (`BURNLINK_SMTP_URL`) and the audit trail it follows
 * is on; otherwise answers null and loads nothing (nodemailer included). The caller stops it on close.
 */
export async function startNotifier(
  deps: {
    config: ServerConfig;
    accounts: AccountsStore;
    now: () => number;
    log: NotifierDeps['log'];
    /** The server's one mailer (`lazyMailer`); the caller closes it after `stop`. */
    mailer: () => Promise<Mailer>;
  },
  options: NotifierOptions = {},
): Promise<Notifier | null> {
  const { config, accounts } = deps;
  if (config.mail === null || !config.audit.enabled) return null;
  const notifier = new Notifier(
    {
      audit: accounts.audit,
      recipients: notifyRecipients(accounts),
      mailer: await deps.mailer(),
      now: deps.now,
      log: deps.log,
    },
    options,
  );
  notifier.start();
  return notifier;
}
