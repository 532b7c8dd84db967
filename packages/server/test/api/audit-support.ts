import type { FastifyInstance } from 'fastify';
import { PUBLIC_ORG } from '../../src/audit/audit-types.js';

/** Every record of `org` once the recorder has stored what was emitted so far, oldest first. */
export async function recordsOf(app: FastifyInstance, org: string = PUBLIC_ORG) {
  await app.burnlinkAudit.flush();
  return app.burnlinkAudit.store.listAudit({ org, limit: 10_000 });
}

/** The records of `org` of one type (the test then expects exactly one, or a number). */
export async function recordsOfType(app: FastifyInstance, org: string, type: string) {
  return (await recordsOf(app, org)).filter((record) => record.type === type);
}

/** A key claim (`POST …/claim {key}`) of a server-encrypted secret's link key. */
export function claimWithKey(
  app: FastifyInstance,
  id: string,
  key: string,
  headers: Record<string, string> = {},
) {
  return app.inject({ method: 'POST', url: `/api/v1/secrets/${id}/claim`, headers, payload: { key } });
}
