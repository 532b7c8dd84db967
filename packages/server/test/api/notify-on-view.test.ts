import { afterEach, describe, expect, it } from 'vitest';
import { MAIL_CURSOR } from '../../src/mail/notifier.js';
import { type SmtpReceiver, startSmtpReceiver } from '../support/smtp-receiver.js';
import { logCapture } from './support.js';
import { createAs, linkParts, teamsApp } from './teams-support.js';

type Built = Awaited<ReturnType<typeof teamsApp>>;

describe('POST /api/v1/secrets with notify', () => {
  let built: Built | null = null;
  afterEach(async () => {
    await built?.app.close();
    built = null;
  });

  it('refuses notify on an anonymous create with 400 notify_needs_owner', async () => {
    built = await teamsApp();
    const res = await createAs(built.app, {}, { notify: true });
    expect(res.statusCode).toBe(400);
    const body = res.json() as { error: { code: string; message: string } };
    expect(body.error.code).toBe('notify_needs_owner');
    expect(body.error.message).toMatch(/signing in or an API key/);
    // notify: false asks for nothing, so an anonymous create may send it.
    expect((await createAs(built.app, {}, { notify: false })).statusCode).toBe(201);
  });

  it('records notify on the owned secret, from a signed-in sender and from an API key', async () => {
    built = await teamsApp();
    const key = await built.keyFor(built.people.member, ['secrets:create']);
    const asked = await createAs(built.app, built.people.member.headers, { notify: true });
    const byKey = await createAs(built.app, key.headers, { notify: true });
    const plain = await createAs(built.app, built.people.member.headers);
    for (const [res, notify] of [
      [asked, true],
      [byKey, true],
      [plain, false],
    ] as const) {
      expect(res.statusCode).toBe(201);
      const owned = await built.accounts.getOwnedSecret((res.json() as { id: string }).id);
      expect(owned?.notify).toBe(notify);
    }
  });

  it('refuses a notify that is not a boolean', async () => {
    built = await teamsApp();
    const res = await createAs(built.app, built.people.member.headers, { notify: 'yes' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/notify/);
  });
});

describe('notify mail', () => {
  let built: Built | null = null;
  let receiver: SmtpReceiver | null = null;
  afterEach(async () => {
    await built?.app.close();
    await receiver?.close();
    built = null;
    receiver = null;
  });

  async function mailApp() {
    receiver = await startSmtpReceiver();
    built = await teamsApp({
      env: { BURNLINK_SMTP_URL: receiver.url, BURNLINK_MAIL_FROM: 'Burnlink <burnlink@acme.example>' },
    });
    return { built, receiver };
  }

  /** Resolves once the notifier has dealt with every record the trail holds now. */
  async function mailCaughtUp(app: Built): Promise<void> {
    const audit = app.accounts.audit;
    await app.app.burnlinkAudit.flush();
    const last = (await audit.auditAfter(0, 100_000)).at(-1)?.id ?? 0;
    for (let i = 0; i < 500; i++) {
      if ((await audit.getCursor(MAIL_CURSOR)) >= last) return;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the mail cursor never reached record ${last}`);
  }

  const create = async (app: Built, headers: Record<string, string>, extra: Record<string, unknown>) => {
    const res = await createAs(app.app, headers, { context: { label: 'label-marker' }, ...extra });
    expect(res.statusCode).toBe(201);
    const reply = res.json() as { id: string; receipt: string; link: string };
    return { ...reply, key: linkParts(reply.link).key };
  };
  const view = (app: Built, secret: { id: string; key: string }) =>
    app.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/claim`,
      payload: { key: secret.key },
    });

  /** Nothing of the secret but its id: no content, link key, receipt or label. */
  const expectNothingOf = (text: string, secret: { receipt: string; key: string; link: string }) => {
    for (const leak of ['hunter2', secret.key, secret.receipt, secret.link, 'label-marker']) {
      expect(text).not.toContain(leak);
    }
  };

  it('mails the signed-in creator once when the secret is viewed', async () => {
    const { built, receiver } = await mailApp();
    const { member } = built.people;
    const secret = await create(built, member.headers, { notify: true });
    expect((await view(built, secret)).statusCode).toBe(200);
    const [mail] = await receiver.waitFor(1);
    await mailCaughtUp(built);
    expect(receiver.received).toHaveLength(1);
    expect(mail?.to).toEqual([member.email]);
    expect(mail?.from).toBe('burnlink@acme.example');
    expect(mail?.subject).toBe('Your secret was viewed');
    expect(mail?.text).toMatch(new RegExp(`^Your secret ${secret.id} was viewed on \\d{4}-\\d\\d-\\d\\d `));
    expectNothingOf(mail?.raw ?? '', secret);
  });

  it("mails a key's creator once when the secret is burned", async () => {
    const { built, receiver } = await mailApp();
    const key = await built.keyFor(built.people.admin, ['secrets:create', 'secrets:burn']);
    const secret = await create(built, key.headers, { notify: true });
    const burned = await built.app.inject({
      method: 'POST',
      url: `/api/v1/secrets/${secret.id}/burn`,
      headers: key.headers,
    });
    expect(burned.statusCode).toBe(204);
    const [mail] = await receiver.waitFor(1);
    await mailCaughtUp(built);
    expect(receiver.received).toHaveLength(1);
    expect(mail?.to).toEqual([built.people.admin.email]);
    expect(mail?.subject).toBe('Your secret was burned');
    expect(mail?.text).toContain(`Your secret ${secret.id} was burned on`);
    expectNothingOf(mail?.raw ?? '', secret);
  });

  it('mails the creator once when the secret expires', async () => {
    const { built, receiver } = await mailApp();
    const secret = await create(built, built.people.owner.headers, { notify: true, ttl: 300 });
    built.clock.advance(301_000);
    await built.app.burnlinkService.sweep();
    const [mail] = await receiver.waitFor(1);
    await mailCaughtUp(built);
    expect(receiver.received).toHaveLength(1);
    expect(mail?.to).toEqual([built.people.owner.email]);
    expect(mail?.subject).toBe('Your secret expired');
    expect(mail?.text).toContain(`Your secret ${secret.id} expired on`);
  });

  it('logs a refusing SMTP server without its URL, password, the address or the mail', async () => {
    receiver = await startSmtpReceiver({ user: 'burnlink', pass: 'right-password' });
    const log = logCapture();
    built = await teamsApp({
      logStream: log.stream,
      env: {
        BURNLINK_SMTP_URL: receiver.url.replace('right-password', 'smtp-password-marker'),
        BURNLINK_MAIL_FROM: 'burnlink@acme.example',
      },
    });
    const secret = await create(built, built.people.member.headers, { notify: true });
    expect((await view(built, secret)).statusCode).toBe(200);
    // The wrong password is refused for good (535): the notice is logged as skipped, by its SMTP stage and code.
    await mailCaughtUp(built);
    const line = log.lines.find((text) => text.includes('notification mail refused for good'));
    expect(line).toMatch(/EAUTH/);
    for (const leak of [
      'smtp-password-marker',
      receiver.url,
      built.people.member.email,
      secret.id,
      'viewed on',
    ]) {
      expect(log.text()).not.toContain(leak);
    }
  });

  it('does not follow the trail for mail without BURNLINK_SMTP_URL', async () => {
    built = await teamsApp();
    const secret = await create(built, built.people.member.headers, { notify: true });
    expect((await view(built, secret)).statusCode).toBe(200);
    await built.app.burnlinkAudit.flush();
    expect((await built.accounts.audit.auditAfter(0, 100)).map((r) => r.type)).toContain('secret.viewed');
    expect(await built.accounts.audit.getCursor(MAIL_CURSOR)).toBe(0);
  });

  it('mails nothing for a secret created without notify, nor for a key without a creator', async () => {
    const { built, receiver } = await mailApp();
    const orgKey = await built.keyFor(null, ['secrets:create']);
    const quiet = await create(built, built.people.member.headers, {});
    const nobody = await create(built, orgKey.headers, { notify: true });
    const told = await create(built, built.people.member.headers, { notify: true });
    for (const secret of [quiet, nobody, told]) expect((await view(built, secret)).statusCode).toBe(200);
    await receiver.waitFor(1);
    await mailCaughtUp(built);
    expect(receiver.received.map((mail) => mail.text.split('\n')[0])).toEqual([
      expect.stringContaining(`Your secret ${told.id} was viewed`),
    ]);
  });
});
