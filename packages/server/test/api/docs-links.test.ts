import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const inRoot = (dir: string) => readdirSync(path.join(ROOT, dir)).map((name) => path.join(dir, name));
/** Every file under `dir`, in its subdirectories too (deploy/slack/…). */
const filesUnder = (dir: string) =>
  readdirSync(path.join(ROOT, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(ROOT, path.join(entry.parentPath, entry.name)));

/** What operators and contributors read: the README, docs/ and the deployment examples. */
const SOURCES = ['README.md', ...inRoot('docs').filter((f) => f.endsWith('.md')), ...filesUnder('deploy')];

/** Markdown links with a relative target: `[text](operations.md#files-blob-stores)`, `[x](#anchor)`. */
const LINK = /\]\((?![a-z]+:)([^)\s]*)\)/g;
/**
 * Paths named in prose or comments, from the repository root: `docs/operations.md#scale-out…`,
 * `packages/server/test/load-balancer.test.ts`. Build output (`…/dist…`) exists only after a build.
 */
const ROOT_PATH = /(?<![\w./-])((?:docs|deploy|packages|scripts|e2e|bench|\.ci)\/[\w./-]*[\w-])(#[\w-]+)?/g;

interface Reference {
  /** Repository-relative file the reference points to. */
  file: string;
  anchor: string | undefined;
  written: string;
}

function references(source: string): Reference[] {
  const text = readFileSync(path.join(ROOT, source), 'utf8');
  const found: Reference[] = [];
  if (source.endsWith('.md')) {
    for (const [, target = ''] of text.matchAll(LINK)) {
      const [file = '', anchor] = target.split('#');
      const resolved = file === '' ? source : path.join(path.dirname(source), file);
      found.push({ file: resolved, anchor, written: target });
    }
  }
  for (const [written, file = '', anchor] of text.matchAll(ROOT_PATH)) {
    if (!file.split('/').includes('dist')) found.push({ file, anchor: anchor?.slice(1), written });
  }
  return found;
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const [, heading = ''] of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const slug = heading
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(slug) ?? 0;
    seen.set(slug, n + 1);
    anchors.add(n === 0 ? slug : `${slug}-${n}`);
  }
  return anchors;
}

describe.each(SOURCES)('%s', (source) => {
  test('every relative link and repository path it names exists, with its heading', () => {
    const broken = references(source)
      .filter(({ file, anchor }) => {
        if (!existsSync(path.join(ROOT, file))) return true;
        if (anchor === undefined || !file.endsWith('.md')) return false;
        return !anchorsOf(readFileSync(path.join(ROOT, file), 'utf8')).has(anchor);
      })
      .map(({ written }) => written);
    expect(broken).toEqual([]);
  });
});

test('finds the references it checks', () => {
  const all = SOURCES.flatMap(references);
  expect(all.map((r) => r.file)).toEqual(expect.arrayContaining(['docs/operations.md', 'deploy/nginx.conf']));
  expect(
    anchorsOf('# A\n## Files (blob stores)\n```sh\n# not a heading\n```\n## Files — create, upload\n## A'),
  ).toEqual(new Set(['a', 'files-blob-stores', 'files--create-upload', 'a-1']));
});
