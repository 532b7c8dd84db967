import { createServer } from 'node:http';
import { Webhook } from 'standardwebhooks';
import { randomPassword, setRolePassword } from './postgres-password.js';

/** The events after which the handed-over password has done its job (or never will). */
const EVENTS = new Set(['secret.viewed', 'secret.burned', 'secret.expired']);
const MAX_BODY_BYTES = 64 * 1024;
/** PostgreSQL's SQLSTATE for "role does not exist": nothing left to rotate. */
const UNDEFINED_OBJECT = '42704';

function readBody(request) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error('body too large'), { status: 413 }));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * The webhook receiver and the rotations it schedules.
 *
 * - `POST /webhook` verifies the Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 *   `webhook-signature`) with the endpoint's secret; a bad signature, or a timestamp more than five minutes off,
 *   is refused with 401 and changes nothing.
 * - `secret.viewed` (its last view), `secret.burned` and `secret.expired` of a tracked secret schedule the
 *   rotation of its role `graceSeconds` later, in the state directory, before answering 200 — so a rotation
 *   is never lost once burnlink has had its 2xx, even across a restart of this service.
 * - Every second (and at once after a webhook), due rotations run: a new random password nobody knows is set
 *   on the role, and the entry is forgotten. A failure is retried on the next tick.
 *
 * The log says which role was rotated after which event of which secret — never a password.
 */
export function createRotationService({ webhookSecret, db, tracked, graceSeconds = 0, log, now = Date.now }) {
  const verifier = new Webhook(webhookSecret);
  let rotating = null;
  let again = false;

  async function rotateDue() {
    const due = (await tracked.all()).filter(
      (entry) => entry.rotate_at !== undefined && entry.rotate_at <= now(),
    );
    for (const entry of due) {
      const role = JSON.stringify(entry.role);
      try {
        await setRolePassword(db, entry.role, randomPassword());
        await tracked.remove(entry.secret_id);
        log(`rotated the password of role ${role} after ${entry.event} of secret ${entry.secret_id}`);
      } catch (error) {
        if (error.code === UNDEFINED_OBJECT) {
          await tracked.remove(entry.secret_id);
          log(`role ${role} of secret ${entry.secret_id} no longer exists; forgotten`);
        } else {
          log(`rotating the password of role ${role} failed (${error.code ?? error.message}); will retry`);
        }
      }
    }
  }

  /** Runs the due rotations, one pass at a time; a call during a pass asks for one more pass after it. */
  function kick() {
    if (rotating !== null) {
      again = true;
      return rotating;
    }
    rotating = (async () => {
      do {
        again = false;
        await rotateDue().catch((error) => log(`reading the state failed (${error.code ?? error.message})`));
      } while (again);
      rotating = null;
    })();
    return rotating;
  }

  async function onWebhook(request) {
    const body = await readBody(request);
    let event;
    try {
      const headers = {};
      for (const name of ['webhook-id', 'webhook-timestamp', 'webhook-signature']) {
        headers[name] = String(request.headers[name] ?? '');
      }
      event = verifier.verify(body, headers);
    } catch {
      log('refused a webhook: missing, invalid or outdated signature');
      return 401;
    }
    const subject = event?.data?.subject;
    if (!EVENTS.has(event?.type) || subject?.type !== 'secret') return 200;
    const views = event.data.details?.views_left;
    if (event.type === 'secret.viewed' && typeof views === 'number' && views > 0) return 200;
    const entry = await tracked.get(subject.id);
    if (entry === null || entry.rotate_at !== undefined) return 200; // not ours, or already scheduled
    await tracked.put({ ...entry, event: event.type, rotate_at: now() + graceSeconds * 1000 });
    log(
      `${event.type} of secret ${subject.id}: rotating role ${JSON.stringify(entry.role)} in ${graceSeconds} s`,
    );
    void kick();
    return 200;
  }

  const server = createServer((request, response) => {
    const answer = (status) => {
      response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(`${status === 200 ? 'ok' : status === 401 ? 'invalid signature' : 'error'}\n`);
    };
    if (request.method !== 'POST' || request.url !== '/webhook') return answer(404);
    onWebhook(request).then(answer, (error) => {
      log(`webhook failed (${error.code ?? error.message})`);
      answer(error.status ?? 500);
    });
  });
  const ticker = setInterval(() => void kick(), 1000);
  ticker.unref();
  server.on('close', () => clearInterval(ticker));
  // Rotations that were due while the service was down run at once.
  void kick();
  return server;
}
