import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const read = (fromRoot: string) =>
  readFileSync(fileURLToPath(new URL(`../../../../${fromRoot}`, import.meta.url)), 'utf8');
const STORES = 'packages/server/src/stores';

// docs/SECURITY.md ("How tokens are compared") says how each backend compares verifiers, citing the file that
// does it. A store that changes its comparison fails here, so that the paragraph changes with it.
test.each([
  { backend: 'memory', file: `${STORES}/memory-store.ts`, code: 'digestsEqual(presented.verifier' },
  { backend: 'SQLite', file: `${STORES}/sqlite-secrets.ts`, code: 'digestsEqual(presented.verifier' },
  { backend: 'memory and SQLite', file: `${STORES}/receipt-rules.ts`, code: 'timingSafeEqual(a, b)' },
  { backend: 'Redis', file: `${STORES}/redis-lua.ts`, code: 'local function same(a, b)' },
  { backend: 'Redis (the claim)', file: `${STORES}/redis-scripts.ts`, code: 'if same(f[1], ARGV[2]) then' },
  {
    backend: 'PostgreSQL',
    file: `${STORES}/postgres-schema-lifecycle.ts`,
    code: 'IF s.verifier = p_verifier THEN',
  },
])('$backend compares verifiers as SECURITY.md says', ({ file, code }) => {
  expect(read(file)).toContain(code);
  if (!/(-store|-secrets|-scripts)\.ts$/.test(file))
    expect(read('docs/SECURITY.md')).toContain(`\`${file}\``);
});

test("the Redis scripts' same() looks at every byte (no early exit)", () => {
  const same = /local function same\(a, b\)\n([\s\S]*?)\nend\n/.exec(read(`${STORES}/redis-lua.ts`));
  expect(same?.[1]).toBeDefined();
  // The one early return is the length check; the loop has no exit.
  expect(same?.[1]?.match(/\breturn\b/g)).toHaveLength(2);
  expect(same?.[1]).toMatch(/for i = 1, #a do d = bit\.bor\(d, bit\.bxor\(/);
});
