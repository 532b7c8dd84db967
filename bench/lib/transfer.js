// One HTTP client for every side of a file comparison: node:http streaming from and to disk, timed from the
// request's start to the last byte on disk (download) or the server's answer (upload).
import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import { pipeline } from 'node:stream/promises';

const agent = new Agent({ keepAlive: false });
// 1 MiB file reads and writes: the client does as few system calls as it can, so the servers set the pace.
const CHUNK = { highWaterMark: 1 << 20 };

async function failure(res, what) {
  let body = '';
  for await (const chunk of res) if (body.length < 2000) body += chunk;
  let code = '';
  try {
    code = JSON.parse(body).error?.code ?? '';
  } catch {}
  return new Error(`${what} answered ${res.statusCode}${code ? ` ${code}` : ''}`);
}

/** Streams the file at `path` as the body of `method url`; resolves on a 2xx answer. */
export async function uploadFile(url, path, { method = 'PUT', headers = {} } = {}) {
  const { size } = await stat(path);
  const started = performance.now();
  const res = await new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers: { ...headers, 'content-length': String(size) } });
    req.once('response', resolve);
    req.once('error', reject);
    pipeline(createReadStream(path, CHUNK), req).catch(reject);
  });
  if (res.statusCode < 200 || res.statusCode > 299) throw await failure(res, `${method} upload`);
  res.resume();
  await new Promise((resolve) => res.once('end', resolve));
  return { bytes: size, seconds: (performance.now() - started) / 1000, headers: res.headers };
}

/** GET `url` streamed into the file at `path`; resolves once every byte is written. */
export async function downloadFile(url, path, { headers = {} } = {}) {
  const started = performance.now();
  const res = await new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', agent, headers });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });
  if (res.statusCode !== 200) throw await failure(res, 'GET download');
  await pipeline(res, createWriteStream(path, CHUNK));
  const seconds = (performance.now() - started) / 1000;
  const { size } = await stat(path);
  const expected = Number(res.headers['content-length']);
  if (size !== expected) throw new Error(`download wrote ${size} bytes, Content-Length said ${expected}`);
  return { bytes: size, seconds };
}
