import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { domainsApp, published } from '../api/domains-support.js';
import { freePort } from '../support/backend-processes.js';
import {
  adaptCaddyfile,
  caddyAvailable,
  formatCaddyfile,
  type RunningCaddy,
  startCaddy,
  withTestGlobals,
} from '../support/caddy.js';
import { type Dnsmasq, dnsmasqAvailable, startDnsmasq } from '../support/dnsmasq.js';

/**
 * deploy/caddy/Caddyfile (docs/domains.md), started as it is by a real Caddy with its local CA in front of a
 * real node: the main host has its certificate; a custom domain gets one on demand only while burnlink's
 * `GET /api/v1/domains/allowed` says it is active; pending, suspended and unknown names get none.
 */
const DEPLOY = fileURLToPath(new URL('../../../../deploy/', import.meta.url));
const DEPLOY_CADDYFILE = `${DEPLOY}caddy/Caddyfile`;
const DAY = 86_400_000;
const MAIN = 'burnlink.test';
const ACTIVE = 'secrets.acme.test';
const PENDING = 'pending.acme.test';
const SUSPENDED = 'suspended.acme.test';
const UNKNOWN = 'nobody.example.test';

const deployCaddyfile = await readFile(DEPLOY_CADDYFILE, 'utf8');
const usable = await caddyAvailable();
const withDns = usable && (await dnsmasqAvailable());

describe.runIf(usable)('deploy/caddy/Caddyfile', () => {
  const env = {
    BURNLINK_MAIN_HOST: 'secrets.example.com',
    BURNLINK_UPSTREAMS: '10.0.0.11:8080 10.0.0.12:8080 10.0.0.13:8080',
  };

  it('is what `caddy fmt` makes of it (else Caddy warns at every start)', async () => {
    expect(await formatCaddyfile(deployCaddyfile)).toBe(deployCaddyfile);
  });

  it('adapts with this Caddy: every node an upstream health-checked on /readyz, on-demand TLS asking burnlink', async () => {
    const config = (await adaptCaddyfile(deployCaddyfile, env)) as AdaptedConfig;
    const tls = config.apps.tls.automation;
    expect(tls.on_demand).toEqual({ ask: 'http://127.0.0.1:9180/api/v1/domains/allowed' });
    expect(tls.policies).toEqual([{ subjects: ['secrets.example.com'] }, { on_demand: true }]);
    const proxies = reverseProxies(config);
    // The main host, the on-demand catch-all and the loopback site of the ask question.
    expect(proxies).toHaveLength(3);
    for (const proxy of proxies) {
      expect(proxy.upstreams).toEqual([
        { dial: '10.0.0.11:8080' },
        { dial: '10.0.0.12:8080' },
        { dial: '10.0.0.13:8080' },
      ]);
      expect(proxy.health_checks.active).toMatchObject({ uri: '/readyz', expect_status: 200 });
      // Bodies stream: nothing buffers a 64 MiB upload.
      expect(proxy).not.toHaveProperty('buffer_requests');
      expect(proxy).not.toHaveProperty('request_buffers');
    }
    expect(JSON.stringify(config)).not.toContain('"encode"');
  });

  it('stops with a message naming BURNLINK_MAIN_HOST when it is unset', async () => {
    await expect(adaptCaddyfile(deployCaddyfile, {})).rejects.toThrow(/BURNLINK_MAIN_HOST:is-not-set/);
  });

  it('the test run differs from it only in the test globals (CA, ports, storage, admin)', async () => {
    const globals = { httpPort: 18080, httpsPort: 18443, storage: '/tmp/burnlink-caddy-step' };
    const deployed = (await adaptCaddyfile(deployCaddyfile, env)) as AdaptedConfig;
    const tested = (await adaptCaddyfile(withTestGlobals(deployCaddyfile, globals), env)) as AdaptedConfig;
    expect(tested.admin).toEqual({ disabled: true });
    expect(tested.apps.tls.automation.policies.map((p) => p.issuers)).toEqual([
      [{ module: 'internal' }],
      [{ module: 'internal' }],
    ]);
    expect(withoutTestGlobals(tested)).toEqual(withoutTestGlobals(deployed));
  });
});

describe('deploy/compose/compose.caddy.yml', () => {
  it("puts the Caddyfile in front of compose.cluster.yml's nodes, which then build links on the main host", async () => {
    const cluster = parse(await readFile(`${DEPLOY}compose/compose.cluster.yml`, 'utf8'), { merge: true });
    const overlay = parse(await readFile(`${DEPLOY}compose/compose.caddy.yml`, 'utf8'), { merge: true });
    expect(overlay.name).toBe(cluster.name);
    const nodes = Object.keys(cluster.services).filter((name) => name.startsWith('burnlink-'));
    const caddy = overlay.services.caddy;
    expect(caddy.volumes).toContain('../caddy/Caddyfile:/etc/caddy/Caddyfile:ro');
    expect(caddy.environment.BURNLINK_UPSTREAMS.split(' ')).toEqual(nodes.map((n) => `${n}:8080`));
    expect(Object.keys(caddy.depends_on).sort()).toEqual(nodes);
    // On the nodes' internal network (the only way to them) and on one that reaches out (ACME).
    expect(caddy.networks).toEqual(['internal', 'public']);
    expect(cluster.networks.public.internal).toBeUndefined();
    for (const node of nodes) {
      expect(overlay.services[node].environment).toEqual({
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, literally.
        BURNLINK_PUBLIC_URL: 'https://${BURNLINK_MAIN_HOST:?set BURNLINK_MAIN_HOST}',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: Compose's interpolation, literally.
        BURNLINK_ALLOWED_HOSTS: '${BURNLINK_MAIN_HOST}',
      });
      expect(cluster.services[node].environment.BURNLINK_TRUST_PROXY).toContain('172.16.0.0/12');
    }
  });
});

describe.runIf(withDns)('Caddy on-demand TLS in front of a burnlink node', () => {
  let dns: Dnsmasq;
  let app: FastifyInstance;
  let caddy: RunningCaddy;
  let t: Awaited<ReturnType<typeof domainsApp>>;
  let activeId: string;

  /** How many of Caddy's `ask` questions the node has answered with this status (from its /metrics). */
  async function asked(status: 200 | 404): Promise<number> {
    const metrics = (await app.inject({ url: '/metrics' })).body;
    const line = metrics
      .split('\n')
      .find(
        (l) =>
          l.startsWith('burnlink_http_request_duration_seconds_count{') &&
          l.includes('route="/api/v1/domains/allowed"') &&
          l.includes(`status="${status}"`),
      );
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  }

  /** `curl` through Caddy, resolving `host` to loopback and trusting only Caddy's local CA. */
  async function curl(host: string, path: string, body?: object) {
    const args = [
      '-sS',
      '--max-time',
      '20',
      '--resolve',
      `${host}:${caddy.httpsPort}:127.0.0.1`,
      '--cacert',
      caddy.rootCert,
      '-w',
      '\n%{http_code}',
      ...(body === undefined
        ? []
        : ['-X', 'POST', '-H', 'content-type: application/json', '--data-binary', JSON.stringify(body)]),
      `https://${host}:${caddy.httpsPort}${path}`,
    ];
    return new Promise<{ exitCode: number; status: number; body: string; stderr: string }>((resolve) => {
      execFile('curl', args, (error, stdout, stderr) => {
        const at = stdout.lastIndexOf('\n');
        resolve({
          exitCode: error === null ? 0 : typeof error.code === 'number' ? error.code : -1,
          status: Number(stdout.slice(at + 1)),
          body: stdout.slice(0, Math.max(at, 0)),
          stderr,
        });
      });
    });
  }

  beforeAll(async () => {
    // The domains get their states the way an organisation's would: through the API, verified against a
    // real DNS server (BURNLINK_DNS_SERVERS), suspended by the re-check after the grace period.
    dns = await startDnsmasq();
    t = await domainsApp(dns, {
      // localhost: the test's own API calls (app.inject) come in on it.
      env: { BURNLINK_TRUST_PROXY: 'loopback', BURNLINK_ALLOWED_HOSTS: `${MAIN},localhost` },
    });
    app = t.app;
    const active = await t.added(ACTIVE);
    activeId = active.id;
    const pending = await t.added(PENDING);
    const suspended = await t.added(SUSPENDED);
    await dns.setRecords(published(active.txt_record, suspended.txt_record));
    await t.verified(active.id);
    await t.verified(suspended.id);
    // SUSPENDED's record goes away: missing at the next daily re-check, suspended once the 7-day grace passed.
    await dns.setRecords(published(active.txt_record));
    for (let day = 0; day < 9; day++) {
      t.clock.advance(DAY);
      await app.burnlinkDomains.recheckDue();
    }
    expect((await t.shown(active.id))?.state).toBe('active');
    expect((await t.shown(pending.id))?.state).toBe('pending');
    expect((await t.shown(suspended.id))?.state).toBe('suspended');

    const node = new URL(await app.listen({ port: 0, host: '127.0.0.1' }));
    caddy = await startCaddy({
      caddyfile: deployCaddyfile,
      env: {
        BURNLINK_MAIN_HOST: MAIN,
        BURNLINK_UPSTREAMS: node.host,
        BURNLINK_CADDY_ASK_PORT: String(await freePort()),
      },
      readyHost: MAIN,
    });
  }, 60_000);

  afterAll(async () => {
    await caddy?.stop();
    await app?.close();
    await dns?.stop();
  });

  it('serves the main host with its certificate', async () => {
    const res = await curl(MAIN, '/healthz');
    expect(res.stderr).toBe('');
    expect(res).toMatchObject({ exitCode: 0, status: 200 });
  });

  it('issues a certificate for an active custom domain on its first handshake, and serves it', async () => {
    expect(await asked(200)).toBe(0);
    const res = await curl(ACTIVE, '/healthz');
    expect(res.stderr, caddy.output().slice(-4000)).toBe('');
    expect(res).toMatchObject({ exitCode: 0, status: 200 });
    expect(await asked(200)).toBeGreaterThan(0);
  });

  it('a secret made through the custom domain links there, and opens through it and through the main host', async () => {
    const created = await curl(ACTIVE, '/api/v1/secrets', { text: 'through caddy', max_views: 2 });
    expect(created.status, created.body).toBe(201);
    const { id, link } = JSON.parse(created.body) as { id: string; link: string };
    // The Host passed through and X-Forwarded-Proto was believed (BURNLINK_TRUST_PROXY): the link is the
    // domain's own https origin.
    expect(link.startsWith(`https://${ACTIVE}:${caddy.httpsPort}/s/${id}#`)).toBe(true);
    const key = link.slice(link.indexOf('#') + 1);
    for (const host of [ACTIVE, MAIN]) {
      const claimed = await curl(host, `/api/v1/secrets/${id}/claim`, { key });
      expect(claimed.status, claimed.body).toBe(200);
      expect(JSON.parse(claimed.body)).toMatchObject({ text: 'through caddy' });
    }
  });

  it.each([
    ['pending (not verified)', PENDING],
    ['suspended', SUSPENDED],
    ['unknown', UNKNOWN],
  ])('gives a %s domain no certificate: the TLS handshake fails', async (_label, host) => {
    const denied = await asked(404);
    const res = await curl(host, '/healthz');
    // curl 35: SSL connect error (Caddy ends the handshake with an alert, having no certificate to show).
    expect(res.exitCode, res.stderr).toBe(35);
    expect(res.status).toBe(0);
    // Refused because burnlink said no, not because the question went unanswered.
    expect(await asked(404)).toBeGreaterThan(denied);
  });

  it('a domain suspended after it got its certificate is still refused: by the host check, not by TLS', async () => {
    // ACTIVE's record goes away too; after the grace period it is suspended. Caddy keeps the certificate it
    // already holds, but burnlink itself no longer serves the name.
    await dns.setRecords(published());
    for (let day = 0; day < 9; day++) {
      t.clock.advance(DAY);
      await app.burnlinkDomains.recheckDue();
    }
    expect((await t.shown(activeId))?.state).toBe('suspended');
    const page = await curl(ACTIVE, '/api/v1/config');
    expect(page.exitCode, page.stderr).toBe(0);
    expect(page.status).toBe(421);
    expect(JSON.parse(page.body)).toMatchObject({ error: { code: 'misdirected_request' } });
  });
});

interface ReverseProxy {
  handler: 'reverse_proxy';
  upstreams: { dial: string }[];
  health_checks: { active: Record<string, unknown> };
}

interface AdaptedConfig {
  admin?: unknown;
  storage?: unknown;
  apps: {
    http: { servers: Record<string, { listen: string[]; [key: string]: unknown }> };
    tls: {
      automation: {
        policies: { subjects?: string[]; issuers?: unknown[]; on_demand?: boolean }[];
        on_demand: unknown;
      };
    };
    pki?: unknown;
  };
}

/** Every reverse_proxy handler in the adapted config, however deep its subroutes nest. */
function reverseProxies(config: AdaptedConfig): ReverseProxy[] {
  const found: ReverseProxy[] = [];
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      if ((value as { handler?: string }).handler === 'reverse_proxy') found.push(value as ReverseProxy);
      else Object.values(value).forEach(walk);
    }
  };
  walk(config.apps.http);
  return found;
}

/**
 * The config minus what the test adds: admin, storage, the local CA, issuers, listen addresses (and the
 * adapter's internal numbering of `handle` groups).
 */
function withoutTestGlobals(config: AdaptedConfig) {
  const servers = Object.values(config.apps.http.servers)
    .map(({ listen: _listen, ...rest }) => JSON.stringify(rest).replace(/"group\d+"/g, '"group"'))
    .sort();
  const policies = config.apps.tls.automation.policies.map(({ issuers: _issuers, ...rest }) => rest);
  return { servers, policies, onDemand: config.apps.tls.automation.on_demand };
}
