// Child processes under measurement: the baseline and burnlink servers, each printing `listening on URL`.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const SERVER_MAIN = `${root}packages/server/dist/main.js`;

export function startProcess(script, env = {}) {
  if (!existsSync(script)) throw new Error(`${script} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 20_000);
    const onData = (chunk) => {
      output += chunk;
      const match = /listening on (http:\/\/[^\s"]+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', done);
              child.kill('SIGTERM');
              setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
            }),
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`${script} exited (${code}):\n${output}`)));
  });
}

export const startBaseline = () =>
  startProcess(fileURLToPath(new URL('../baseline-server.js', import.meta.url)));

export const startBurnlink = (env) =>
  startProcess(SERVER_MAIN, {
    BURNLINK_PORT: '0',
    BURNLINK_RATE_LIMITS: 'off',
    BURNLINK_UPLOAD_BUDGET: 'off',
    BURNLINK_LOG_LEVEL: 'warn',
    ...env,
  });

/** The files baseline, writing under `dir`. */
export const startFileBaseline = (dir) =>
  startProcess(fileURLToPath(new URL('../file-baseline-server.js', import.meta.url)), {
    BENCH_FILE_DIR: dir,
  });
