import { defineConfig } from 'vitest/config';

// One runner for every package. The `source` export condition makes workspace imports
// (`@burnlink/core`, …) resolve to TypeScript sources, so tests never need a build first.
const project = (name: string, extra: Record<string, unknown> = {}) => ({
  extends: true as const,
  test: {
    name,
    include: [`packages/${name}/src/**/*.test.ts`, `packages/${name}/test/**/*.test.ts`],
    ...extra,
  },
});

export default defineConfig({
  resolve: { conditions: ['source'] },
  ssr: { resolve: { conditions: ['source'] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      project('core'),
      project('wire'),
      project('client'),
      project('server'),
      project('web'),
      project('cli'),
      project('extension'),
    ],
  },
});
