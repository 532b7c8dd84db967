import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the receiver got it: envelope, the headers that matter, and the decoded text body. */
export interface ReceivedMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  /** The whole message as it arrived on the wire. */
  raw: string;
}

/** A real SMTP server (the `smtp-server` package) on a loopback port, keeping what it receives. */
export interface SmtpReceiver {
  /** `smtp://[user:pass@]127.0.0.1:<port>` */
  url: string;
  received: ReceivedMail[];
  /** How many messages were refused (see `refuseWith`). */
  refused(): number;
  /** Answers every following message with this SMTP error code (e.g. 451) until set back to null. */
  refuseWith(code: number | null): void;
  /** Resolves once `count` messages have arrived (in all); rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Resolves once `count` messages have been refused (in all). */
  waitForRefusals(count: number): Promise<void>;
  close(): Promise<void>;
}

/** Undoes quoted-printable (RFC 2045 §6.7): soft line breaks and `=XX` escapes. */
function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_match, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

function parse(raw: string, from: string, to: string[]): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ');
  const body = raw.slice(split + 4);
  const header = (name: string) =>
    head
      .split('\r\n')
      .find((line) => line.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body;
  return { from, to, subject: header('Subject'), text: text.replace(/\r\n/g, '\n').trimEnd(), raw };
}

/**
 * Starts a receiver. With `auth`, it requires that user and password (plain AUTH over the loopback, as
 * nodemailer sends it to a server without TLS); without, anyone may send.
 */
export async function startSmtpReceiver(
  auth: { user: string; pass: string } | null = null,
): Promise<SmtpReceiver> {
  const received: ReceivedMail[] = [];
  const waiters: Array<() => void> = [];
  let refusal: number | null = null;
  let refused = 0;
  const server = new SMTPServer({
    // No STARTTLS: the receiver has no certificate a client would trust, and it listens on the loopback only.
    disabledCommands: auth === null ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: auth === null,
    allowInsecureAuth: true,
    logger: false,
    onAuth(attempt, _session, callback) {
      if (auth !== null && attempt.username === auth.user && attempt.password === auth.pass) {
        callback(null, { user: attempt.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (refusal !== null) {
          refused += 1;
          for (const wake of waiters.splice(0)) wake();
          const error = Object.assign(new Error('Refused by the test receiver'), { responseCode: refusal });
          callback(error);
          return;
        }
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        const to = session.envelope.rcptTo.map((rcpt) => rcpt.address);
        received.push(parse(Buffer.concat(chunks).toString('latin1'), from, to));
        for (const wake of waiters.splice(0)) wake();
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const credentials =
    auth === null ? '' : `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@`;
  return {
    url: `smtp://${credentials}127.0.0.1:${port}`,
    received,
    refused: () => refused,
    refuseWith(code) {
      refusal = code;
    },
    async waitFor(count, timeoutMs = 10_000) {
      await until(() => received.length >= count, `${count} mails`, timeoutMs);
      return received.slice(0, count);
    },
    async waitForRefusals(count) {
      await until(() => refused >= count, `${count} refusals`);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };

  async function until(done: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!done()) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`expected ${what}, received ${received.length} and refused ${refused}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 200));
        waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }
}
