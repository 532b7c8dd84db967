import type { StoredPolicy } from '../accounts/accounts-types.js';
import type { App, AppContext } from '../app-context.js';
import { toIso } from '../app-context.js';
import { OPEN_POLICY, OrgPolicyBody, OrgPolicyReply } from '../wire.js';
import { errorResponses } from './schemas.js';

const TAGS = ['policies'];

/** A stored policy as the API answers it; an organisation that never set one has the open policy. */
const policyReply = (stored: StoredPolicy | null) =>
  stored === null
    ? { policy: structuredClone(OPEN_POLICY), updated_at: null }
    : { policy: stored.policy, updated_at: toIso(stored.updatedAt) };

/** The caller's organisation's policy (docs/teams.md, "Policies"; docs/policies.md for each rule). */
export function registerPolicyRoutes(app: App, ctx: AppContext): void {
  const { auth, accounts } = ctx;

  app.get(
    '/api/v1/org/policy',
    {
      schema: {
        tags: TAGS,
        summary:
          "Your organisation's policy (secrets:create or policies:manage); the open policy when none is set",
        response: { 200: OrgPolicyReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request);
      return policyReply(await accounts.readPolicy(principal));
    },
  );

  app.put(
    '/api/v1/org/policy',
    {
      schema: {
        tags: TAGS,
        summary: "Replace your organisation's policy (policies:manage): every field, as GET answers it",
        body: OrgPolicyBody,
        response: { 200: OrgPolicyReply, ...errorResponses },
      },
    },
    async (request) => {
      const principal = await auth.require(request, 'policies:manage');
      return policyReply(
        await accounts.setPolicy(principal, {
          ...request.body,
          requests: request.body.requests ?? 'everyone',
        }),
      );
    },
  );
}
