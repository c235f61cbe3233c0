import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { NOW, aPod, aStatefulSet } from './testdata/builders.ts';
import { expectGolden } from './testdata/golden.ts';
import { IP, type Scene, sceneInput, seededScene } from './testdata/scenarios.ts';
import { aService } from './testdata/service-builders.ts';

function withService(svc: ReturnType<typeof aService> | null, scene: Scene = seededScene()): Scene {
  return { ...scene, services: svc ? [svc.build()] : [] };
}

const dnsReasons = (scene: Scene) =>
  buildTopology(sceneInput(scene), { now: NOW }).pods.map((p) => [p.dnsPublished, p.dnsReason]);

describe('the governing Service', () => {
  it('is missing: warning, ghost node, no per-pod DNS names', async () => {
    const t = buildTopology(sceneInput(withService(null)), { now: NOW });
    expect(t.service).toMatchObject({ exists: false, lookup: [] });
    expect(t.service?.warnings).toEqual([
      "No Service named 'nginx' in namespace 'default': pods get no per-pod DNS names",
    ]);
    expect(t.explanations[0]).toBe(t.service?.warnings[0]);
    expect(t.pods.map((p) => p.dnsReason)).toEqual(['no Service named nginx', 'no Service named nginx']);
    expect(t.nodes[1]).toMatchObject({ id: 'Service/default/nginx', status: 'Missing', ghost: true, warning: true });
    // The set still names it, so the serviceName edge points at the ghost; nothing selects pods.
    expect(t.edges.filter((e) => e.label === 'serviceName' || e.label === 'selects').map((e) => e.id)).toEqual([
      'serviceName:StatefulSet/default/web->Service/default/nginx',
    ]);
    await expectGolden('service-missing', t);
  });

  it('is not headless: the name resolves to the ClusterIP and pods get no records', async () => {
    const t = buildTopology(sceneInput(withService(aService('nginx').clusterIP('10.96.0.12'))), { now: NOW });
    expect(t.service?.warnings).toEqual([
      "Service 'nginx' is not headless (clusterIP 10.96.0.12): its name resolves to the ClusterIP and pods get no per-pod DNS records",
    ]);
    expect(t.service?.lookup).toEqual(['10.96.0.12']);
    expect(t.pods.map((p) => p.dnsReason)).toEqual(['Service nginx is not headless', 'Service nginx is not headless']);
    expect(t.nodes[1]).toMatchObject({ status: 'ClusterIP', warning: true });
    await expectGolden('service-not-headless', t);
  });

  it('does not select the pods: warning, no endpoints, NXDOMAIN', async () => {
    const t = buildTopology(sceneInput(withService(aService('nginx').selector({ app: 'nginx-x' }))), { now: NOW });
    expect(t.service?.warnings).toEqual([
      "Service 'nginx' selects app=nginx-x, which does not match the pods of StatefulSet 'web' (labels app=nginx)",
    ]);
    expect(t.service?.lookup).toEqual([]);
    expect(t.pods.map((p) => p.dnsReason)).toEqual(['Service nginx does not select web-0', 'Service nginx does not select web-1']);
    expect(t.edges.filter((e) => e.label === 'selects')).toEqual([]);
    await expectGolden('service-selector-mismatch', t);
  });

  it('has no selector', () => {
    const t = buildTopology(sceneInput(withService(aService('nginx').selector(null))), { now: NOW });
    expect(t.service?.warnings).toEqual([
      "Service 'nginx' has no selector: Kubernetes makes no EndpointSlices for it, so pods get no DNS records",
    ]);
  });

  it('has no ports, or a named targetPort no container declares', () => {
    const none = buildTopology(sceneInput(withService(aService('nginx').ports([]))), { now: NOW });
    expect(none.service?.warnings).toEqual(["Service 'nginx' has no ports: names still resolve, but there are no SRV records"]);
    const named = buildTopology(sceneInput(withService(aService('nginx').ports([
      { name: 'web', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9113, targetPort: 'metrics' },
    ]))), { now: NOW });
    expect(named.service?.warnings).toEqual([
      "Service 'nginx' port 'metrics' targets the container port named 'metrics', but no container in the pod template of 'web' has a port with that name",
    ]);
  });
});

describe('per-pod DNS and readiness', () => {
  const sts = aStatefulSet('web').replicas(2).build();
  const scene = (svc: ReturnType<typeof aService>): Scene => ({
    statefulSet: sts,
    pods: [aPod(sts, 0).ready(IP(0)).build(), aPod(sts, 1).running(IP(1)).build()],
    services: [svc.build()],
  });

  it('does not publish a pod that is not Ready', () => {
    const t = buildTopology(sceneInput(scene(aService('nginx'))), { now: NOW });
    expect(t.pods.map((p) => [p.dnsPublished, p.dnsReason])).toEqual([[true, null], [false, 'web-1 is not Ready, so it is not published']]);
    expect(t.service?.lookup).toEqual([IP(0)]);
    // The endpoint exists (not ready): the Service still selects web-1.
    expect(t.edges.filter((e) => e.label === 'selects').map((e) => e.target)).toEqual(['Pod/default/web-0', 'Pod/default/web-1']);
  });

  it('publishes not-ready pods with publishNotReadyAddresses', async () => {
    const t = buildTopology(sceneInput(scene(aService('nginx').publishNotReadyAddresses())), { now: NOW });
    expect(t.service?.publishNotReadyAddresses).toBe(true);
    expect(t.pods.map((p) => [p.dnsPublished, p.dnsReason])).toEqual([[true, null], [true, null]]);
    expect(t.service?.lookup).toEqual([IP(0), IP(1)]);
    await expectGolden('publish-not-ready', t);
  });

  it('explains a pod without an IP or without an EndpointSlice entry yet', () => {
    const s = scene(aService('nginx'));
    const pods = [aPod(sts, 0).ready(IP(0)).build(), aPod(sts, 1).containerCreating().build()];
    expect(dnsReasons({ ...s, pods })[1]).toEqual([false, 'web-1 has no IP yet']);
    expect(dnsReasons({ ...s, pods: s.pods, endpointSlices: [] })[0]).toEqual([false, 'no EndpointSlice entry for web-0 yet']);
  });

  it('has no DNS name when the set has no serviceName', () => {
    const bare = aStatefulSet('web').replicas(1).serviceName('').build();
    const t = buildTopology(sceneInput({ statefulSet: bare, pods: [aPod(bare, 0).ready(IP(0)).build()] }), { now: NOW });
    expect(t.service).toBeNull();
    expect(t.pods[0]).toMatchObject({ dnsName: null, dnsPublished: false });
    expect(t.nodes.map((n) => n.kind)).toEqual(['StatefulSet', 'Pod']);
  });
});
