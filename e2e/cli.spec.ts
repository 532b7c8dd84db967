import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { createSecret, expect, reveal, test } from './fixtures.js';

/** The web app and the `burnlink` CLI speak the same protocol: what one encrypts, the other opens. */
const CLI = 'packages/cli/bin/burnlink.js';
const run = promisify(execFile);

async function burnlink(args: string[], env: Record<string, string> = {}) {
  expect(existsSync('packages/cli/dist/main.js'), 'run `npm run build` first').toBe(true);
  const { stdout } = await run(process.execPath, [CLI, ...args], {
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 30_000,
  });
  return stdout;
}

test('a secret created in the browser opens with the CLI, once', async ({ page, recipient }) => {
  const { link, receiptLink } = await createSecret(page, {
    text: 'from the browser ✓',
    passphrase: 'shared words',
    context: { username: 'ada', environment: 'prod' },
  });
  const opened = JSON.parse(await burnlink(['get', '--json', link], { BURNLINK_PASSPHRASE: 'shared words' }));
  expect(opened.text).toBe('from the browser ✓');
  expect(opened.context).toMatchObject({ username: 'ada', environment: 'prod' });

  await recipient.goto(link);
  await expect(recipient.getByRole('heading', { name: 'Unknown secret' })).toBeVisible();
  await page.goto(receiptLink);
  await expect(page.locator('[data-state]')).toHaveText('Viewed');
});

test('a secret created with the CLI opens in the browser, once', async ({ page, baseURL }) => {
  const sent = JSON.parse(
    await burnlink(
      [
        'send',
        '--json',
        '--server',
        baseURL!,
        '--passphrase',
        '--username',
        'grace',
        '--ttl',
        '1h',
        'from the CLI ✓',
      ],
      { BURNLINK_PASSPHRASE: 'cli words' },
    ),
  );
  expect(sent.link).toMatch(new RegExp(`^${baseURL}/s/[A-Za-z0-9_-]{22}#`));

  await reveal(page, sent.link, 'cli words');
  await expect(page.getByRole('textbox', { name: 'Secret', exact: true })).toHaveValue('from the CLI ✓');
  await expect(page.getByTestId('context')).toContainText('grace');
  await page.goto(sent.link);
  await expect(page.getByRole('heading', { name: 'Unknown secret' })).toBeVisible();
});
