import { Readable } from 'node:stream';
import type { App, AppContext } from '../app-context.js';
import { auditEventOf, EXPORT_CONTENT_TYPES, exportFilename, exportText } from '../audit/audit-export.js';
import { AuditExportQuery, AuditListQuery, AuditListReply } from '../wire.js';
import { exportParams, listParams } from './audit-params.js';
import { errorResponses } from './schemas.js';

const TAGS = ['audit'];

/**
 * GET /api/v1/audit (a page of the caller's organisation's trail) and GET /api/v1/audit/export (the same
 * filters, the whole of it, streamed as JSON Lines or CSV). Both need `audit:read` (docs/audit.md).
 */
export function registerAuditRoutes(app: App, ctx: AppContext): void {
  const { auth, audit, now } = ctx;

  app.get(
    '/api/v1/audit',
    {
      schema: {
        tags: TAGS,
        summary: "Your organisation's audit trail, a page at a time (audit:read)",
        querystring: AuditListQuery,
        response: { 200: AuditListReply, ...errorResponses },
      },
      // Before the schema: a repeated or unknown parameter gets a message naming it, not a generic one.
      preValidation: async (request) => void listParams(request.query),
    },
    async (request) => {
      const principal = await auth.require(request, 'audit:read');
      const page = await audit.list(principal, listParams(request.query));
      return { events: page.records.map(auditEventOf), next: page.next };
    },
  );

  app.get(
    '/api/v1/audit/export',
    {
      schema: {
        tags: TAGS,
        summary: 'Download the audit trail (the same filters) as JSON Lines or CSV (audit:read)',
        description:
          'format=jsonl (application/x-ndjson, one event per line) or format=csv (text/csv, header first). Streamed.',
        querystring: AuditExportQuery,
      },
      preValidation: async (request) => void exportParams(request.query),
    },
    async (request, reply) => {
      const principal = await auth.require(request, 'audit:read');
      const { format, ...filters } = exportParams(request.query);
      // The first page is read before the answer starts, so a store that cannot be reached is a clean 503.
      const pages = audit.export(principal, filters)[Symbol.asyncIterator]();
      const first = await pages.next();
      async function* all() {
        if (first.done === true) return;
        yield first.value;
        yield* { [Symbol.asyncIterator]: () => pages };
      }
      return reply
        .header('Content-Type', EXPORT_CONTENT_TYPES[format])
        .header(
          'Content-Disposition',
          `attachment; filename="${exportFilename(principal.orgId, now(), format)}"`,
        )
        .header('Cache-Control', 'no-store')
        .send(Readable.from(exportText(all(), format)));
    },
  );
}
