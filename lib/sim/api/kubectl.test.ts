// kubectl against the embedded cluster's API server: the sessions a learner types must work and
// print what a real cluster prints. Skipped, with a message, where kubectl is not installed.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedCluster, type EmbeddedCluster } from '../cluster.ts';

const HAS_KUBECTL = spawnSync('kubectl', ['version', '--client'], { stdio: 'ignore' }).status === 0;
if (!HAS_KUBECTL) console.warn('kubectl not found on PATH: skipping the kubectl session tests (install kubectl to run them)');

const TESTDATA = resolve(import.meta.dirname, '../testdata');

let cluster: EmbeddedCluster;
let kubeconfig: string;

// Asynchronous on purpose: the API server runs in this process, so a blocking spawnSync would
// keep it from answering.
function kubectl(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return kubectlIn(undefined, ...args);
}

function kubectlIn(input: string | undefined, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((res) => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, ...args], { env: { ...process.env, HOME: tmpHome } });
    child.stdin.end(input ?? '');
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const t = setTimeout(() => child.kill(), 30_000);
    child.on('close', (code) => { clearTimeout(t); res({ code: code ?? 1, out, err }); });
  });
}

async function ok(...args: string[]): Promise<string> {
  return okIn(undefined, ...args);
}

async function okIn(input: string | undefined, ...args: string[]): Promise<string> {
  const r = await kubectlIn(input, ...args);
  if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} failed (${r.code}):\n${r.err}${r.out}`);
  return r.out;
}

let tmpHome = '';

describe.skipIf(!HAS_KUBECTL)('kubectl sessions against the embedded API server', () => {
  beforeAll(async () => {
    tmpHome = mkdtempSync(join(tmpdir(), 'sts-kubectl-'));
    kubeconfig = join(tmpHome, 'kubeconfig');
    cluster = await startEmbeddedCluster({ empty: true, speed: 'instant', kubeconfigPath: kubeconfig });
  });
  afterAll(async () => { await cluster?.stop(); });

  it('create -f and apply -f of the workshop manifests', async () => {
    expect(await ok('create', '-f', join(TESTDATA, 'web.yaml'))).toBe('service/nginx created\nstatefulset.apps/web created\n');
    expect(await ok('apply', '-f', join(TESTDATA, 'redis.yaml'))).toBe('service/redis-pv-svc created\nstatefulset.apps/redis-pv-sts created\n');
    // Re-applying unchanged manifests changes nothing. kubectl still says "configured" for the
    // StatefulSet, as against a real cluster: volumeClaimTemplates has no merge key, so the
    // server-defaulted fields of the claim template make kubectl send the list again.
    const generation = cluster.store.get('statefulsets.apps', 'default', 'redis-pv-sts')!.metadata.generation;
    expect(await ok('apply', '-f', join(TESTDATA, 'redis.yaml'))).toBe('service/redis-pv-svc unchanged\nstatefulset.apps/redis-pv-sts configured\n');
    expect(cluster.store.get('statefulsets.apps', 'default', 'redis-pv-sts')!.metadata.generation).toBe(generation);
    const again = await kubectl('create', '-f', join(TESTDATA, 'web.yaml'));
    expect(again.code).not.toBe(0);
    expect(again.err).toContain('Error from server (AlreadyExists): error when creating');
    expect(again.err).toContain('services "nginx" already exists');
  });

  it('get in table, wide, yaml and json form, with a label selector', async () => {
    const sts = await ok('get', 'sts');
    expect(sts.split('\n')[0]).toMatch(/^NAME\s+READY\s+AGE$/);
    expect(sts).toMatch(/\nweb\s+\d\/2\s+\d+s/);
    const wide = await ok('get', 'statefulsets', '-o', 'wide');
    expect(wide.split('\n')[0]).toMatch(/^NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES$/);
    expect(wide).toMatch(/web\s+\d\/2\s+\S+\s+nginx\s+nginx:1\.9\.1/);
    const svc = await ok('get', 'svc', 'nginx');
    expect(svc).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nnginx\s+ClusterIP\s+None\s+<none>\s+80\/TCP\s+\S+\n$/);
    const y = await ok('get', 'sts', 'web', '-o', 'yaml');
    expect(y).toContain('apiVersion: apps/v1');
    expect(y).toContain('kind: StatefulSet');
    expect(y).toContain('podManagementPolicy: OrderedReady');
    expect(y).toContain('revisionHistoryLimit: 10');
    const j = JSON.parse(await ok('get', 'svc', '-l', 'app=nginx', '-o', 'json'));
    expect(j.kind).toBe('List');
    expect(j.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['nginx']);
    expect(await ok('get', 'svc', '-l', 'app=nope')).toBe('');
    expect((await kubectl('get', 'svc', '-l', 'app=nope')).err).toContain('No resources found in default namespace.');
  });

  it('get works for every served kind', async () => {
    for (const kind of ['pods', 'services', 'endpoints', 'endpointslices', 'pvc', 'pv', 'storageclasses', 'sts', 'controllerrevisions', 'events', 'namespaces', 'nodes']) {
      const r = await kubectl('get', kind);
      expect(r.code, `kubectl get ${kind}: ${r.err}`).toBe(0);
    }
    expect(await ok('get', 'ns')).toMatch(/default\s+Active/);
  });

  it('patch with all three patch types and the scale subresource', async () => {
    expect(await ok('patch', 'sts', 'web', '-p', '{"spec":{"replicas":3}}')).toBe('statefulset.apps/web patched\n');
    expect(await ok('patch', 'sts', 'web', '--type=merge', '-p', '{"metadata":{"labels":{"team":"a"}}}')).toBe('statefulset.apps/web patched\n');
    expect(await ok('patch', 'sts', 'web', '--type=json', '-p', '[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx-slim:0.7"}]')).toBe('statefulset.apps/web patched\n');
    const sts = JSON.parse(await ok('get', 'sts', 'web', '-o', 'json'));
    expect(sts.spec.replicas).toBe(3);
    expect(sts.metadata.labels.team).toBe('a');
    expect(sts.spec.template.spec.containers[0].image).toBe('nginx-slim:0.7');
    expect(sts.metadata.generation).toBe(3);
    expect(await ok('scale', 'sts', 'web', '--replicas=1')).toBe('statefulset.apps/web scaled\n');
    expect(JSON.parse(await ok('get', 'sts', 'web', '-o', 'json')).spec.replicas).toBe(1);
    const bad = await kubectl('scale', 'sts', 'web', '--replicas=-1');
    expect(bad.code).not.toBe(0);
    const immutable = await kubectl('patch', 'sts', 'web', '-p', '{"spec":{"serviceName":"other"}}');
    expect(immutable.code).not.toBe(0);
    expect(immutable.err).toContain("updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
  });

  it('describe sts web', async () => {
    const d = await ok('describe', 'sts', 'web');
    expect(d).toMatch(/^Name:\s+web$/m);
    expect(d).toMatch(/^Namespace:\s+default$/m);
    expect(d).toMatch(/^Selector:\s+app=nginx$/m);
    expect(d).toMatch(/^Replicas:\s+1 desired \| \d+ total$/m);
    expect(d).toMatch(/^Update Strategy:\s+RollingUpdate$/m);
    expect(d).toContain('Volume Claims:');
  });

  it('get -w streams changes', async () => {
    const child = spawn('kubectl', ['--kubeconfig', kubeconfig, 'get', 'svc', '-w', '-l', 'watch=me'], { env: { ...process.env, HOME: tmpHome } });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    await new Promise((r) => setTimeout(r, 700));
    await okIn(JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'watched' }, spec: { ports: [{ port: 80, targetPort: 8080 }] } }), 'create', '-f', '-');
    await ok('label', 'svc', 'watched', 'watch=me');
    const deadline = Date.now() + 10_000;
    while (!/watched\s+ClusterIP\s+10\.\d+\.\d+\.\d+/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    child.kill();
    expect(out).toMatch(/NAME\s+TYPE\s+CLUSTER-IP/);
    expect(out).toMatch(/watched\s+ClusterIP\s+10\.\d+\.\d+\.\d+\s+<none>\s+80\/TCP/);
  });

  it('delete by name and by label, and get events', async () => {
    const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' } });
    await okIn(cm('a'), 'create', '-f', '-');
    await okIn(cm('b'), 'create', '-f', '-');
    await ok('label', 'cm', 'a', 'b', 'group=x');
    expect(await ok('delete', 'cm', 'a')).toBe('configmap "a" deleted\n');
    expect(await ok('delete', 'cm', '-l', 'group=x')).toBe('configmap "b" deleted\n');
    const missing = await kubectl('delete', 'cm', 'a');
    expect(missing.err).toContain('Error from server (NotFound): configmaps "a" not found');
    expect((await kubectl('get', 'events')).code).toBe(0);
  });

  it('rejects bad input with a Status error and changes nothing', async () => {
    const before = cluster.store.currentRV();
    const bad = await kubectl('get', 'cronjobs');
    expect(bad.code).not.toBe(0);
    expect(bad.err).toContain(`the server doesn't have a resource type "cronjobs"`);
    const invalidName = await kubectlIn(JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }), 'create', '-f', '-');
    expect(invalidName.code).not.toBe(0);
    expect(invalidName.err).toContain('ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name"');
    // kubectl's typed generators send protobuf, which the embedded cluster does not decode: a clear 415.
    const proto = await kubectl('create', 'configmap', 'p', '--from-literal=k=v');
    expect(proto.err).not.toContain('created');
    expect(proto.code).not.toBe(0);
    expect(proto.err).toContain('protobuf');
    expect(cluster.store.currentRV()).toBe(before);
  });
});
