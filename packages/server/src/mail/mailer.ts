/** One plain-text notification: never content, a link, a receipt or a key (docs/audit.md, "Notify on view"). */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends notification mail. `close` ends the pooled SMTP connections. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * A send that failed, described in words safe to log: the SMTP stage and reply code, never the server URL
 * (it may hold a password), the address or the message.
 */
export class MailError extends Error {
  /** True when retrying cannot help (the server refused the recipient or the message for good: 5xx). */
  readonly permanent: boolean;
  constructor(message: string, permanent: boolean) {
    super(message);
    this.name = 'MailError';
    this.permanent = permanent;
  }
}

/** The parts of nodemailer's error that say what failed without saying to whom or with what. */
interface NodemailerError {
  code?: unknown;
  command?: unknown;
  responseCode?: unknown;
}

function describe(error: unknown): MailError {
  const { code, command, responseCode } = (error ?? {}) as NodemailerError;
  const parts = [
    typeof code === 'string' && /^[A-Z_]+$/.test(code) ? code : 'send failed',
    typeof command === 'string' && /^[A-Z ]+$/.test(command) ? `at ${command}` : null,
    typeof responseCode === 'number' ? `SMTP ${responseCode}` : null,
  ].filter((part) => part !== null);
  const permanent = typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600;
  return new MailError(parts.join(' '), permanent);
}

/**
 * A mailer over nodemailer for `config.mail` (`BURNLINK_SMTP_URL`, `BURNLINK_MAIL_FROM`). nodemailer is loaded
 * only here, so a server without mail never loads it. Errors are {@link MailError}s whose message names the
 * SMTP stage and code only.
 *
 * @example
 * const mailer = await createMailer({ smtpUrl: 'smtp://mail.example.com:587', from: 'burnlink@example.com' });
 * await mailer.send({ to: 'ada@example.com', subject: 'Your secret was viewed', text: '…' });
 */
export async function createMailer(mail: { smtpUrl: string; from: string }): Promise<Mailer> {
  const nodemailer = await import('nodemailer');
  // Short timeouts: a server that hangs should fail the send (and be retried later), not hold up the follower
  // for nodemailer's default minutes. Settings in the URL's query win over these.
  const transport = nodemailer.createTransport(
    { url: mail.smtpUrl, connectionTimeout: 20_000, greetingTimeout: 20_000, socketTimeout: 60_000 },
    { from: mail.from },
  );
  return {
    async send(message) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
        });
      } catch (error) {
        throw describe(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/**
 * A mailer opened at its first use (nodemailer loads then), shared by every later send: for verification codes,
 * which a server may never send. `close` ends it if it was opened.
 *
 * @example
 * const open = lazyMailer(config.mail); await (await open()).send(message); open.close();
 */
export function lazyMailer(mail: {
  smtpUrl: string;
  from: string;
}): (() => Promise<Mailer>) & { close(): void } {
  let opened: Promise<Mailer> | null = null;
  const open = () => {
    opened ??= createMailer(mail).catch((error: unknown) => {
      opened = null;
      throw error;
    });
    return opened;
  };
  return Object.assign(open, {
    close() {
      void opened?.then((mailer) => mailer.close()).catch(() => {});
    },
  });
}
