import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as wire from '@burnlink/wire';
import { describe, expect, test } from 'vitest';
import { createBodySchema, createRequestBodySchema, WIRE_SCHEMAS } from '../../src/wire.js';
import {
  CREATE_BODY_SENTINELS,
  CREATE_BODY_TEMPLATE,
  CREATE_REQUEST_BODY_TEMPLATE,
  WIRE_SNAPSHOT,
} from '../../src/wire-snapshot.js';

// The server validates, serialises and documents with a snapshot of @burnlink/wire's schemas as plain JSON
// (src/wire-snapshot.ts), so that its runtime never loads TypeBox (about 7 MiB of resident memory and 380
// modules at start-up). `npm run wire:snapshot -w @burnlink/server` regenerates the snapshot through this test.
const SNAPSHOT_FILE = fileURLToPath(new URL('../../src/wire-snapshot.ts', import.meta.url));
const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

/** What the server, ajv and the OpenAPI generator see of a schema: its enumerable JSON (no TypeBox markers). */
const json = (value: unknown) => JSON.parse(JSON.stringify(value));
const wireExports: Record<string, unknown> = { ...wire };

function currentSnapshot() {
  const values = Object.fromEntries(
    Object.entries(wireExports)
      .filter(([, value]) => typeof value !== 'function')
      .map(([name, value]) => [name, json(value)]),
  );
  const { ttl, maxViews } = CREATE_BODY_SENTINELS;
  return {
    values,
    template: json(wire.createBodySchema({ ttl, maxViews })),
    requestTemplate: json(wire.createRequestBodySchema({ ttl })),
  };
}

if (process.env.BURNLINK_WRITE_WIRE_SNAPSHOT === '1') {
  const { values, template, requestTemplate } = currentSnapshot();
  writeFileSync(
    SNAPSHOT_FILE,
    `// GENERATED from @burnlink/wire by \`npm run wire:snapshot -w @burnlink/server\`: do not edit (src/wire.ts says why).
// test/api/wire-snapshot.test.ts fails when it differs from the schemas.

/** Stand-ins for the operator's limits in CREATE_BODY_TEMPLATE, replaced by createBodySchema (src/wire.ts). */
export const CREATE_BODY_SENTINELS = ${JSON.stringify(CREATE_BODY_SENTINELS)} as const;

export const WIRE_SNAPSHOT = ${JSON.stringify(values)} as const;

export const CREATE_BODY_TEMPLATE = ${JSON.stringify(template)} as const;

export const CREATE_REQUEST_BODY_TEMPLATE = ${JSON.stringify(requestTemplate)} as const;
`,
  );
  console.log(`wrote ${SNAPSHOT_FILE}: run biome check --write on it`);
}

describe('the server uses a snapshot of @burnlink/wire (npm run wire:snapshot -w @burnlink/server)', () => {
  test('every schema and constant of the contract is in it, as its JSON', () => {
    expect(json(WIRE_SNAPSHOT)).toEqual(currentSnapshot().values);
    expect(json(CREATE_BODY_TEMPLATE)).toEqual(currentSnapshot().template);
    expect(json(CREATE_REQUEST_BODY_TEMPLATE)).toEqual(currentSnapshot().requestTemplate);
    for (const [name, value] of Object.entries(WIRE_SCHEMAS))
      expect(json(value), name).toEqual(json(wireExports[name]));
  });

  test.each([
    { ttl: { min: 60, max: 2_592_000, default: 86_400 }, maxViews: 100 },
    { ttl: { min: 1, max: 3_600, default: 600 }, maxViews: 1 },
  ])('createBodySchema is wire.createBodySchema for the limits %j', (limits) => {
    expect(json(createBodySchema(limits))).toEqual(json(wire.createBodySchema(limits)));
    expect(json(createRequestBodySchema(limits))).toEqual(json(wire.createRequestBodySchema(limits)));
  });

  test("the server's runtime code never imports TypeBox, nor @burnlink/wire except for types", () => {
    const runtime = readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter(
      (path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !/(^|\/)(test|contract)-/.test(path),
    );
    expect(runtime.length).toBeGreaterThan(20);
    const offenders = runtime.filter((path) => {
      const text = readFileSync(join(SRC, path), 'utf8');
      return (
        /from '(typebox|@fastify\/type-provider-typebox)(\/[^']*)?'/.test(
          text.replace(/import type [^;]*;/g, ''),
        ) ||
        /^import (?!type )[^;]*from '@burnlink\/wire'/m.test(text) ||
        /^export (?!type )[^;]*from '@burnlink\/wire'/m.test(text)
      );
    });
    expect(offenders).toEqual([]);
  });
});
