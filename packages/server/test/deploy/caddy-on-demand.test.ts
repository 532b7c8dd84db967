import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { adaptCaddyfile, caddyAvailable, formatCaddyfile, withTestGlobals } from '../support/caddy.js';

/**
 * deploy/caddy/Caddyfile (docs/domains.md), started as it is by a real Caddy with its local CA in front of a
 * real node: the main host has its certificate; a custom domain gets one on demand only while burnlink's
 * `GET /api/v1/domains/allowed` says it is active; pending, suspended and unknown names get none.
 */
const DEPLOY_CADDYFILE = fileURLToPath(new URL('../../../../deploy/caddy/Caddyfile', import.meta.url));

const deployCaddyfile = await readFile(DEPLOY_CADDYFILE, 'utf8');
const usable = await caddyAvailable();

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
