import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccountsStore } from './accounts-store.js';
import { describeCredentials } from './contract-credentials.js';
import type { AccountsContext, OpenAccounts } from './contract-fixtures.js';
import { describeOrgsAndUsers } from './contract-orgs.js';
import { describePolicies } from './contract-policies.js';
import { describeRaces } from './contract-races.js';
import { describeOwnedSecrets } from './contract-secrets.js';

export type { OpenAccounts } from './contract-fixtures.js';

/**
 * The accounts store contract (`accounts-store.ts`) as tests: every backend's test file calls this with a
 * function that opens a fresh store. Every test makes its own organisations and people with random ids and
 * names, so the tests share one store; the sweep test opens a store of its own to count exactly.
 *
 * @example
 * describeAccountsContract('memory', async () => ({ store: new MemoryAccountsStore() }));
 */
export function describeAccountsContract(name: string, open: OpenAccounts): void {
  describe(`AccountsStore contract: ${name}`, () => {
    let store: AccountsStore | undefined;
    let cleanup: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, cleanup } = await open());
    });
    afterAll(async () => {
      await store?.close();
      await cleanup?.();
    });

    const ctx: AccountsContext = {
      get store() {
        if (!store) throw new Error('the store under test is not open');
        return store;
      },
      open,
    };

    describeOrgsAndUsers(ctx);
    describeCredentials(ctx);
    describeOwnedSecrets(ctx);
    describePolicies(ctx);
    describeRaces(ctx);

    it('ping resolves on an open store', async () => {
      await expect(ctx.store.ping()).resolves.toBeUndefined();
    });
  });
}
