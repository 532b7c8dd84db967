import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type SmtpReceiver, startSmtpReceiver } from '../../test/support/smtp-receiver.js';
import { createMailer, MailError, type Mailer } from './mailer.js';

const FROM = 'Burnlink <burnlink@example.com>';

describe('createMailer', () => {
  let receiver: SmtpReceiver | null = null;
  let mailer: Mailer | null = null;
  afterEach(async () => {
    mailer?.close();
    await receiver?.close();
    mailer = null;
    receiver = null;
  });

  it('sends a plain-text mail from the configured sender through a real SMTP server', async () => {
    receiver = await startSmtpReceiver();
    mailer = await createMailer({ smtpUrl: receiver.url, from: FROM });
    await mailer.send({ to: 'ada@example.com', subject: 'Your secret was viewed', text: 'Viewed at noon.' });
    const [mail] = await receiver.waitFor(1);
    expect(mail?.from).toBe('burnlink@example.com');
    expect(mail?.to).toEqual(['ada@example.com']);
    expect(mail?.subject).toBe('Your secret was viewed');
    expect(mail?.text).toBe('Viewed at noon.');
    expect(mail?.raw).toMatch(/^From: Burnlink <burnlink@example\.com>\r?$/m);
    expect(mail?.raw).toMatch(/^Content-Type: text\/plain/m);
  });

  it('signs in with the user and password of the URL', async () => {
    receiver = await startSmtpReceiver({ user: 'burnlink', pass: 'p@ss word' });
    mailer = await createMailer({ smtpUrl: receiver.url, from: FROM });
    await mailer.send({ to: 'ada@example.com', subject: 'Hello', text: 'Hi.' });
    expect(await receiver.waitFor(1)).toHaveLength(1);
  });

  it('fails with the SMTP stage and code only: no password, address or message', async () => {
    receiver = await startSmtpReceiver({ user: 'burnlink', pass: 'right-password' });
    const wrong = receiver.url.replace('right-password', 'wrong-password-marker');
    mailer = await createMailer({ smtpUrl: wrong, from: FROM });
    const error = await mailer
      .send({ to: 'ada@example.com', subject: 'subject-marker', text: 'body-marker' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailError);
    expect((error as MailError).message).toMatch(/^EAUTH/);
    expect((error as MailError).permanent).toBe(true);
    for (const marker of ['wrong-password-marker', 'ada@example.com', 'subject-marker', 'body-marker']) {
      expect(String((error as Error).message)).not.toContain(marker);
      expect(String((error as Error).stack)).not.toContain(marker);
    }
  });

  it('tells a temporary refusal (4xx) from a permanent one (5xx)', async () => {
    receiver = await startSmtpReceiver();
    mailer = await createMailer({ smtpUrl: receiver.url, from: FROM });
    receiver.refuseWith(451);
    const temporary = await mailer.send({ to: 'a@example.com', subject: 's', text: 't' }).catch((e) => e);
    expect(temporary).toMatchObject({ name: 'MailError', permanent: false });
    expect(String(temporary.message)).toContain('SMTP 451');
    receiver.refuseWith(550);
    const permanent = await mailer.send({ to: 'a@example.com', subject: 's', text: 't' }).catch((e) => e);
    expect(permanent).toMatchObject({ name: 'MailError', permanent: true });
    expect(receiver.received).toHaveLength(0);
  });

  it('fails as a temporary error when no SMTP server answers', async () => {
    // A port that was free a moment ago: connection refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    mailer = await createMailer({ smtpUrl: `smtp://user:secret-marker@127.0.0.1:${port}`, from: FROM });
    const error = await mailer.send({ to: 'a@example.com', subject: 's', text: 't' }).catch((e) => e);
    expect(error).toMatchObject({ name: 'MailError', permanent: false });
    expect(String(error.message)).not.toContain('secret-marker');
  });
});
