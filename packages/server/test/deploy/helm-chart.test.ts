import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { CONFIG_VARIABLES } from '../../src/config-variables.js';
import { runHelm } from '../support/helm.js';

/**
 * The Helm chart in deploy/helm/burnlink (docs/kubernetes.md): `helm lint`, and `helm template` in each mode with
 * the rendered objects checked. helm comes from an npm package (test/support/helm.ts); no cluster is needed.
 */
const CHART = fileURLToPath(new URL('../../../../deploy/helm/burnlink', import.meta.url));
const PG = 'postgres://burnlink:pw@db.internal:5432/burnlink';
const REDIS = 'redis://:pw@redis.internal:6379/0';

// biome-ignore lint/suspicious/noExplicitAny: rendered Kubernetes objects are checked field by field.
type K8sObject = Record<string, any>;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'burnlink-helm-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function valuesFile(values: object): Promise<string> {
  const file = join(dir, `values-${files++}.yaml`);
  await writeFile(file, stringify(values));
  return file;
}

/** `helm template` with these values: the objects by kind (one each, or the list for `all`). */
async function render(values: object = {}) {
  const result = await runHelm([
    'template',
    'bl',
    CHART,
    '--namespace',
    'secrets',
    '-f',
    await valuesFile(values),
  ]);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const all: K8sObject[] = parseAllDocuments(result.stdout)
    .map((doc) => doc.toJS())
    .filter(Boolean);
  const one = (kind: string): K8sObject | undefined => {
    const found = all.filter((o) => o.kind === kind);
    expect(found.length).toBeLessThanOrEqual(1);
    return found[0];
  };
  const deployment = one('Deployment') as K8sObject;
  const pod = deployment.spec.template.spec;
  return { all, one, deployment, pod, container: pod.containers[0] };
}

async function renderError(values: object): Promise<string> {
  const result = await runHelm(['template', 'bl', CHART, '-f', await valuesFile(values)]);
  expect(result.code).not.toBe(0);
  return result.stderr;
}

const postgres = { store: { mode: 'postgres', postgresUrl: PG }, replicaCount: 3 };
const redis = {
  store: { mode: 'redis', redisUrl: REDIS, accountsStoreUrl: PG, blobStoreUrl: PG },
  replicaCount: 3,
};

describe('helm lint', () => {
  it.each([
    ['the defaults (SQLite)', {}],
    ['PostgreSQL, 3 replicas, autoscaled', { ...postgres, autoscaling: { enabled: true } }],
    ['Redis, 3 replicas', redis],
    ['ingress and ServiceMonitor on', { ingress: { enabled: true }, serviceMonitor: { enabled: true } }],
  ])('passes with %s', async (_name, values) => {
    const result = await runHelm(['lint', '--strict', CHART, '-f', await valuesFile(values)]);
    expect(result.stdout + result.stderr).toContain('0 chart(s) failed');
    expect(result.code).toBe(0);
  });
});

describe('helm template', () => {
  it('defaults to one replica on SQLite with a PersistentVolumeClaim for /data', async () => {
    const { all, one, deployment, pod, container } = await render();
    expect(all.map((o) => o.kind).sort()).toEqual([
      'Deployment',
      'PersistentVolumeClaim',
      'Secret',
      'Service',
    ]);
    expect(deployment.spec.replicas).toBe(1);
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    const pvc = one('PersistentVolumeClaim') as K8sObject;
    expect(pvc.spec.accessModes).toEqual(['ReadWriteOnce']);
    expect(pvc.metadata.annotations['helm.sh/resource-policy']).toBe('keep');
    const data = pod.volumes.find((v: K8sObject) => v.name === 'data');
    expect(data.persistentVolumeClaim.claimName).toBe(pvc.metadata.name);
    expect(container.volumeMounts).toContainEqual({ name: 'data', mountPath: '/data' });
    expect(container.volumeMounts).toContainEqual({ name: 'tmp', mountPath: '/tmp' });
    const env = Object.fromEntries(container.env.map((e: K8sObject) => [e.name, e.value]));
    expect(env).toMatchObject({
      BURNLINK_HOST: '0.0.0.0',
      BURNLINK_PORT: '8080',
      BURNLINK_DATA_DIR: '/data',
    });
    // SQLite is the server's default: the Secret names no store.
    expect((one('Secret') as K8sObject).stringData).toEqual({});
  });

  it('locks the pod down: non-root, read-only root filesystem, no capabilities, RuntimeDefault seccomp', async () => {
    const { pod, container } = await render();
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(container.securityContext).toMatchObject({
      runAsNonRoot: true,
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.automountServiceAccountToken).toBe(false);
  });

  it('probes /healthz for startup and liveness and /readyz for readiness, on the named port', async () => {
    const { container } = await render();
    expect(container.ports).toEqual([{ name: 'http', containerPort: 8080, protocol: 'TCP' }]);
    expect(container.startupProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.livenessProbe.httpGet).toEqual({ path: '/healthz', port: 'http' });
    expect(container.readinessProbe.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container.resources.requests).toBeDefined();
  });

  it('passes the configuration from the Secret with envFrom and restarts pods when it changes', async () => {
    const config = { BURNLINK_PUBLIC_URL: 'https://secrets.example.com', BURNLINK_MAX_FILES: 0 };
    const a = await render({ config });
    const b = await render({ config: { ...config, BURNLINK_PUBLIC_URL: 'https://other.example.com' } });
    const secret = a.one('Secret') as K8sObject;
    expect(a.container.envFrom).toEqual([{ secretRef: { name: secret.metadata.name } }]);
    // Numbers become strings; empty values (the defaults of values.yaml) are left out.
    expect(secret.stringData).toEqual({
      BURNLINK_PUBLIC_URL: 'https://secrets.example.com',
      BURNLINK_MAX_FILES: '0',
    });
    const checksum = (r: K8sObject) => r.deployment.spec.template.metadata.annotations['checksum/config'];
    expect(checksum(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(checksum(b)).not.toBe(checksum(a));
  });

  it('uses an existing Secret instead of rendering one', async () => {
    const { all, container } = await render({
      ...postgres,
      store: { mode: 'postgres' },
      existingSecret: 'mine',
    });
    expect(all.map((o) => o.kind)).not.toContain('Secret');
    expect(container.envFrom).toEqual([{ secretRef: { name: 'mine' } }]);
  });

  it('runs N replicas on PostgreSQL: store URLs in the Secret, no PVC, rolling updates, a PodDisruptionBudget', async () => {
    const { all, one, deployment, pod } = await render(postgres);
    expect(all.map((o) => o.kind)).not.toContain('PersistentVolumeClaim');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.strategy.type).toBe('RollingUpdate');
    expect((one('Secret') as K8sObject).stringData).toEqual({
      BURNLINK_STORE: PG,
      BURNLINK_ACCOUNTS_STORE: PG,
      BURNLINK_BLOB_STORE: PG,
    });
    expect(pod.volumes.find((v: K8sObject) => v.name === 'data')).toEqual({ name: 'data', emptyDir: {} });
    const pdb = one('PodDisruptionBudget') as K8sObject;
    expect(pdb.spec).toEqual({ minAvailable: 1, selector: deployment.spec.selector });
    expect(one('HorizontalPodAutoscaler')).toBeUndefined();
  });

  it('autoscales on PostgreSQL: an HPA on the Deployment, which then sets no replica count', async () => {
    const { one, deployment } = await render({
      ...postgres,
      autoscaling: { enabled: true, minReplicas: 3, maxReplicas: 9, targetCPUUtilizationPercentage: 60 },
    });
    expect(deployment.spec.replicas).toBeUndefined();
    const hpa = one('HorizontalPodAutoscaler') as K8sObject;
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.spec).toMatchObject({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: deployment.metadata.name },
      minReplicas: 3,
      maxReplicas: 9,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } },
        },
      ],
    });
    expect(one('PodDisruptionBudget')).toBeDefined();
  });

  it('runs N replicas on Redis with accounts and file blobs in PostgreSQL', async () => {
    const { all, one, deployment } = await render({ ...redis, podDisruptionBudget: { maxUnavailable: 1 } });
    expect(all.map((o) => o.kind)).not.toContain('PersistentVolumeClaim');
    expect(deployment.spec.replicas).toBe(3);
    expect((one('Secret') as K8sObject).stringData).toEqual({
      BURNLINK_STORE: REDIS,
      BURNLINK_ACCOUNTS_STORE: PG,
      BURNLINK_BLOB_STORE: PG,
    });
    expect((one('PodDisruptionBudget') as K8sObject).spec.maxUnavailable).toBe(1);
  });

  it('runs ephemeral mode as one pod with nothing on disk', async () => {
    const { all, one, deployment } = await render({ store: { mode: 'ephemeral' } });
    expect(all.map((o) => o.kind)).not.toContain('PersistentVolumeClaim');
    expect(deployment.spec.strategy).toEqual({ type: 'Recreate' });
    expect((one('Secret') as K8sObject).stringData).toEqual({ BURNLINK_MODE: 'ephemeral' });
  });

  it('renders an Ingress with class, hosts and TLS when enabled', async () => {
    const { one } = await render({
      ingress: {
        enabled: true,
        className: 'nginx',
        annotations: { 'nginx.ingress.kubernetes.io/proxy-body-size': '80m' },
        hosts: [{ host: 'secrets.example.com', paths: [{ path: '/', pathType: 'Prefix' }] }],
        tls: [{ secretName: 'burnlink-tls', hosts: ['secrets.example.com'] }],
      },
    });
    const ingress = one('Ingress') as K8sObject;
    const service = one('Service') as K8sObject;
    expect(ingress.spec.ingressClassName).toBe('nginx');
    expect(ingress.spec.tls).toEqual([{ secretName: 'burnlink-tls', hosts: ['secrets.example.com'] }]);
    expect(ingress.spec.rules[0].host).toBe('secrets.example.com');
    expect(ingress.spec.rules[0].http.paths[0].backend.service).toEqual({
      name: service.metadata.name,
      port: { number: 80 },
    });
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('80m');
  });

  it('renders a ServiceMonitor for /metrics when enabled', async () => {
    const { one } = await render({
      serviceMonitor: { enabled: true, labels: { release: 'kube-prometheus' } },
    });
    const monitor = one('ServiceMonitor') as K8sObject;
    expect(monitor.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(monitor.metadata.labels.release).toBe('kube-prometheus');
    expect(monitor.spec.endpoints).toEqual([
      { port: 'http', path: '/metrics', interval: '30s', scrapeTimeout: '10s' },
    ]);
    expect(monitor.spec.selector.matchLabels).toEqual((one('Service') as K8sObject).spec.selector);
  });

  it.each([
    ['SQLite with 2 replicas', { replicaCount: 2 }, /store\.mode=sqlite .*replicaCount must be 1/],
    [
      'SQLite autoscaled',
      { autoscaling: { enabled: true } },
      /store\.mode=sqlite .*autoscaling\.enabled must be false/,
    ],
    [
      'ephemeral with 2 replicas',
      { store: { mode: 'ephemeral' }, replicaCount: 2 },
      /replicaCount must be 1/,
    ],
    ['PostgreSQL without a URL', { store: { mode: 'postgres' } }, /needs store\.postgresUrl/],
    [
      'Redis without an accounts store',
      { store: { mode: 'redis', redisUrl: REDIS } },
      /needs store\.accountsStoreUrl/,
    ],
    [
      'Redis without a blob store',
      { store: { mode: 'redis', redisUrl: REDIS, accountsStoreUrl: PG } },
      /needs store\.blobStoreUrl/,
    ],
    [
      'an unknown mode',
      { store: { mode: 'mysql' } },
      /store\.mode must be sqlite, postgres, redis or ephemeral/,
    ],
  ])('refuses %s', async (_name, values, message) => {
    expect(await renderError(values)).toMatch(message);
  });

  it('names only configuration variables the server knows, in values.yaml', async () => {
    const { all } = await render({
      config: { BURNLINK_PUBLIC_URL: 'https://x.example', BURNLINK_TRUST_PROXY: '1' },
    });
    const known = new Set<string>(CONFIG_VARIABLES.map((v) => v.name));
    const secret = all.find((o) => o.kind === 'Secret') as K8sObject;
    const deployment = all.find((o) => o.kind === 'Deployment') as K8sObject;
    const names = [
      ...Object.keys(secret.stringData),
      ...deployment.spec.template.spec.containers[0].env.map((e: K8sObject) => e.name),
    ].filter((name) => name.startsWith('BURNLINK_'));
    expect(names.filter((name) => !known.has(name))).toEqual([]);
  });

  it('prints NOTES that name the mode, the data claim and how to reach the app (helm install --dry-run=client)', async () => {
    const notes = async (values: object) => {
      const result = await runHelm([
        'install',
        'bl',
        CHART,
        '--dry-run=client',
        '-f',
        await valuesFile(values),
      ]);
      expect(result.code).toBe(0);
      return result.stdout.slice(result.stdout.indexOf('NOTES:'));
    };
    const sqlite = await notes({});
    expect(sqlite).toContain('store: sqlite, 1 replica(s)');
    expect(sqlite).toContain('PersistentVolumeClaim bl-burnlink-data');
    expect(sqlite).toContain('port-forward service/bl-burnlink 8080:80');
    expect(sqlite).toContain('Set config.BURNLINK_PUBLIC_URL');
    const scaled = await notes({
      ...postgres,
      autoscaling: { enabled: true },
      ingress: { enabled: true, tls: [{ secretName: 't', hosts: ['secrets.example.com'] }] },
      config: { BURNLINK_PUBLIC_URL: 'https://secrets.example.com' },
    });
    expect(scaled).toContain('store: postgres, 2–6 replicas (autoscaled)');
    expect(scaled).toContain('https://secrets.example.com/');
    expect(scaled).not.toContain('Set config.BURNLINK_PUBLIC_URL');
    const ephemeral = await notes({ store: { mode: 'ephemeral' } });
    expect(ephemeral).toContain('a restart or a redeploy forgets every secret');
    expect(ephemeral).not.toContain('burnlink admin');
  });
});
