import { afterEach, describe, expect, it } from 'vitest';
import { createAs, teamsApp } from './teams-support.js';

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

  it('accepts notify from a signed-in sender and from an API key', async () => {
    built = await teamsApp();
    const key = await built.keyFor(built.people.member, ['secrets:create']);
    expect((await createAs(built.app, built.people.member.headers, { notify: true })).statusCode).toBe(201);
    expect((await createAs(built.app, key.headers, { notify: true })).statusCode).toBe(201);
  });

  it('refuses a notify that is not a boolean', async () => {
    built = await teamsApp();
    const res = await createAs(built.app, built.people.member.headers, { notify: 'yes' });
    expect(res.statusCode).toBe(400);
    expect((res.json() as { error: { message: string } }).error.message).toMatch(/notify/);
  });
});
