import { afterEach, describe, expect, it } from 'vitest';
import { podStatus } from '../../kube/pod-status.ts';
import { R } from '../resources.ts';
import { ANN_CRASH_LOOP, ANN_FAIL, ANN_NEVER_READY, ANN_READY_DELAY } from './kubelet.ts';
import type { Pod } from './pod-parts.ts';
import { aPod, aPvc, newTestCluster, type TestCluster } from './testing.ts';

let c: TestCluster;
afterEach(() => c?.stop());

/** `READY STATUS RESTARTS` as kubectl get pods prints them, or "gone". */
function line(name: string): string {
  const pod = c.pod(name);
  if (!pod) return 'gone';
  const p = podStatus(pod, c.clock.now());
  return `${p.ready} ${p.status} ${p.restarts}`;
}

const reasons = (name: string) => c.events(name).map((e) => e.reason);
const createPod = (pod: Pod) => c.store.create(R.pods, pod) as Pod;
const containerOf = (name: string) => c.pod(name)!.status!.containerStatuses![0];

describe('kubelet: normal lifecycle', () => {
  it('walks Pending → scheduled → ContainerCreating → 1/1 Running with kubectl-visible steps (no probe: ready once running)', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-0'));
    expect(line('web-0')).toBe('0/1 Pending 0');

    c.advance(100);
    expect(c.pod('web-0')!.spec!.nodeName).toBe('sim-node-1');
    expect(c.pod('web-0')!.status!.conditions!.find((x) => x.type === 'PodScheduled')!.status).toBe('True');
    expect(line('web-0')).toBe('0/1 Pending 0');

    c.advance(200);
    expect(line('web-0')).toBe('0/1 ContainerCreating 0');
    const creating = c.pod('web-0')!.status!;
    expect(creating.hostIP).toBe('172.18.0.2');
    expect(creating.startTime).toBeDefined();
    expect(creating.podIP).toBeUndefined();
    expect(creating.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });

    c.advance(999);
    expect(line('web-0')).toBe('0/1 ContainerCreating 0');
    c.advance(1);
    // No readinessProbe: the kubelet reports the container ready in the same update that
    // reports it running, so kubectl never shows "0/1 Running".
    expect(line('web-0')).toBe('1/1 Running 0');
    expect(c.pod('web-0')!.status!.podIP).toBe('10.244.1.2');
    expect(c.pod('web-0')!.status!.podIPs).toEqual([{ ip: '10.244.1.2' }]);
    expect(containerOf('web-0')).toMatchObject({ started: true, ready: true, image: 'docker.io/library/nginx:1.9.1' });
    const ready = c.pod('web-0')!.status!.conditions!.find((x) => x.type === 'Ready')!;
    expect(ready.status).toBe('True');
    expect(ready.lastTransitionTime).toBe('2026-01-01T00:00:01Z');
  });

  it('a readinessProbe keeps the container 0/1 Running until its first probe: initialDelaySeconds, else 500 ms', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    const probed = (name: string, probe: Record<string, unknown>) => {
      const pod = aPod(name);
      pod.spec!.containers![0].readinessProbe = probe;
      return pod;
    };
    createPod(probed('quick', { httpGet: { path: '/', port: 80 } }));
    createPod(probed('slow', { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 3 }));
    c.advance(1300);
    expect(line('quick')).toBe('0/1 Running 0');
    expect(line('slow')).toBe('0/1 Running 0');
    expect(c.pod('quick')!.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    c.advance(499);
    expect(line('quick')).toBe('0/1 Running 0');
    c.advance(1);
    expect(line('quick')).toBe('1/1 Running 0');
    c.advance(2499);
    expect(line('slow')).toBe('0/1 Running 0');
    c.advance(1);
    expect(line('slow')).toBe('1/1 Running 0');
  });

  it('with two containers, the one without a probe is ready at once (1/2), the pod when both are (2/2)', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    const pod = aPod('web-0');
    pod.spec!.containers!.push({ name: 'probed', image: 'busybox:1.36', readinessProbe: { exec: { command: ['true'] }, initialDelaySeconds: 2 } });
    createPod(pod);
    c.advance(1300);
    expect(line('web-0')).toBe('1/2 Running 0');
    expect(c.pod('web-0')!.status!.conditions!.find((x) => x.type === 'Ready')).toMatchObject({ status: 'False', message: 'containers with unready status: [probed]' });
    c.advance(1999);
    expect(line('web-0')).toBe('1/2 Running 0');
    c.advance(1);
    expect(line('web-0')).toBe('2/2 Running 0');
  });

  it('records scheduler and kubelet events in order with real-looking messages', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-0'));
    c.advance(2000);
    const evs = c.events('web-0');
    expect(evs.map((e) => [e.reason, (e.source as { component: string }).component])).toEqual([
      ['Scheduled', 'default-scheduler'],
      ['Pulling', 'kubelet'],
      ['Pulled', 'kubelet'],
      ['Created', 'kubelet'],
      ['Started', 'kubelet'],
    ]);
    expect(evs[0].message).toBe('Successfully assigned default/web-0 to sim-node-1');
    expect(evs[1].message).toBe('Pulling image "nginx:1.9.1"');
    expect(evs[2].message).toMatch(/^Successfully pulled image "nginx:1\.9\.1" in 1s \(1s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(evs[3].message).toBe('Created container: nginx');
    expect(evs[4].message).toBe('Started container nginx');
    expect(evs[4].involvedObject).toMatchObject({ kind: 'Pod', name: 'web-0', fieldPath: 'spec.containers{nginx}' });
    expect(evs[4].source).toEqual({ component: 'kubelet', host: 'sim-node-1' });
  });

  it('a second pod on the same node finds the image already present', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('a'));
    c.advance(2000);
    createPod(aPod('b', { labels: { app: 'x' } }));
    createPod(aPod('c'));
    createPod(aPod('d'));
    c.advance(2000);
    const onNode1 = ['b', 'c', 'd'].find((n) => c.pod(n)!.spec!.nodeName === 'sim-node-1')!;
    expect(c.events(onNode1).find((e) => e.reason === 'Pulled')!.message).toBe('Container image "nginx:1.9.1" already present on machine');
    expect(reasons(onNode1)).not.toContain('Pulling');
  });

  it('creates three Ready nodes with zones and spreads pods over them', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    const nodes = c.store.list(R.nodes);
    expect(nodes.map((n) => [n.metadata.name, n.metadata.labels!['topology.kubernetes.io/zone']])).toEqual([
      ['sim-node-1', 'sim-zone-a'], ['sim-node-2', 'sim-zone-b'], ['sim-node-3', 'sim-zone-c'],
    ]);
    expect((nodes[0].status as { nodeInfo: { kubeletVersion: string } }).nodeInfo.kubeletVersion).toBe('v1.34.0');
    for (const n of ['web-0', 'web-1', 'web-2']) {
      createPod(aPod(n));
      c.advance(2000);
    }
    expect(['web-0', 'web-1', 'web-2'].map((n) => c.pod(n)!.spec!.nodeName)).toEqual(['sim-node-1', 'sim-node-2', 'sim-node-3']);
    expect(['web-0', 'web-1', 'web-2'].map((n) => c.pod(n)!.status!.podIP)).toEqual(['10.244.1.2', '10.244.2.2', '10.244.3.2']);
  });

  it('speed N divides every delay; instant makes each stage a separate write at once', () => {
    c = newTestCluster({ controllers: ['kubelet'], speed: 10 });
    createPod(aPod('fast', { annotations: { [ANN_READY_DELAY]: '500' } }));
    c.advance(129);
    expect(line('fast')).toBe('0/1 ContainerCreating 0');
    c.advance(1);
    expect(line('fast')).toBe('0/1 Running 0');
    c.advance(49);
    expect(line('fast')).toBe('0/1 Running 0');
    c.advance(1);
    expect(line('fast')).toBe('1/1 Running 0');
    c.stop();

    c = newTestCluster({ controllers: ['kubelet'], speed: 'instant' });
    const seen: string[] = [];
    c.store.subscribe((ch) => { if (ch.resource === R.pods && ch.type !== 'DELETED') seen.push(`${ch.object.metadata.name} ${podStatus(ch.object, 0).status}:${podStatus(ch.object, 0).ready}`); });
    createPod(aPod('now'));
    expect(line('now')).toBe('1/1 Running 0');
    expect(seen).toEqual(['now Pending:0/1', 'now Pending:0/1', 'now ContainerCreating:0/1', 'now Running:1/1']);
    seen.length = 0;
    createPod(aPod('delayed', { annotations: { [ANN_READY_DELAY]: '500' } }));
    expect(line('delayed')).toBe('1/1 Running 0');
    expect(seen).toEqual(['delayed Pending:0/1', 'delayed Pending:0/1', 'delayed ContainerCreating:0/1', 'delayed Running:0/1', 'delayed Running:1/1']);
  });

  it('ready-delay annotation sets the time from Running to Ready', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('slow', { annotations: { [ANN_READY_DELAY]: '5000' } }));
    c.advance(1300);
    expect(line('slow')).toBe('0/1 Running 0');
    c.advance(4999);
    expect(line('slow')).toBe('0/1 Running 0');
    c.advance(1);
    expect(line('slow')).toBe('1/1 Running 0');
  });
});

describe('kubelet: fault injection', () => {
  it('never-ready stays 0/1 Running; toggling the annotation at runtime flips readiness', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-0', { annotations: { [ANN_NEVER_READY]: 'true' } }));
    c.advance(10_000);
    expect(line('web-0')).toBe('0/1 Running 0');

    const setAnn = (v: string | undefined) => {
      const p = structuredClone(c.pod('web-0')!);
      p.metadata.annotations = v === undefined ? {} : { [ANN_NEVER_READY]: v };
      c.store.update(R.pods, p);
    };
    setAnn(undefined);
    c.advance(500);
    expect(line('web-0')).toBe('1/1 Running 0');
    setAnn('true');
    c.advance(500);
    expect(line('web-0')).toBe('0/1 Running 0');
    expect(reasons('web-0')).toContain('Unhealthy');
  });

  it('crash-loop: CrashLoopBackOff with restartCount++, lastState Error exit 1, growing back-off', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-0', { annotations: { [ANN_CRASH_LOOP]: 'true' } }));
    c.advance(1300);
    expect(line('web-0')).toBe('0/1 Running 0');
    c.advance(1000);
    expect(line('web-0')).toBe('0/1 CrashLoopBackOff 1 (0s ago)');
    expect(containerOf('web-0').lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(containerOf('web-0').state.waiting!.message).toMatch(/^back-off 10s restarting failed container=nginx pod=web-0_default\(/);
    expect(c.pod('web-0')!.status!.phase).toBe('Running');

    c.advance(10_000);
    expect(line('web-0')).toBe('0/1 Running 1 (10s ago)');
    c.advance(1000);
    expect(line('web-0')).toBe('0/1 CrashLoopBackOff 2 (0s ago)');
    c.advance(19_999);
    expect(line('web-0')).toMatch(/^0\/1 CrashLoopBackOff 2 \(\d+s ago\)$/);
    c.advance(1);
    expect(line('web-0')).toMatch(/^0\/1 Running 2 \(\d+s ago\)$/);
    expect(reasons('web-0').filter((r) => r === 'BackOff')).toHaveLength(1);
    expect(c.events('web-0').find((e) => e.reason === 'BackOff')!.count).toBe(2);
  });

  it('a crash loop under speed "instant" does not spin: back-off keeps real time', () => {
    c = newTestCluster({ controllers: ['kubelet'], speed: 'instant' });
    createPod(aPod('web-0', { annotations: { [ANN_CRASH_LOOP]: 'true' } }));
    expect(line('web-0')).toBe('0/1 CrashLoopBackOff 1 (0s ago)');
    c.advance(10_000);
    expect(line('web-0')).toBe('0/1 CrashLoopBackOff 2 (0s ago)');
  });

  it('an unpullable image gives ErrImagePull then ImagePullBackOff, and recovers when fixed', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-2', { image: 'nginx:0.0.0-does-not-exist' }));
    c.advance(1300);
    expect(line('web-2')).toBe('0/1 ErrImagePull 0');
    expect(c.pod('web-2')!.status!.phase).toBe('Pending');
    c.advance(500);
    expect(line('web-2')).toBe('0/1 ImagePullBackOff 0');
    const evs = c.events('web-2').map((e) => `${e.type} ${e.reason}: ${e.message}`);
    expect(evs).toContain('Warning Failed: Error: ErrImagePull');
    expect(evs).toContain('Normal BackOff: Back-off pulling image "nginx:0.0.0-does-not-exist"');
    expect(evs).toContain('Warning Failed: Error: ImagePullBackOff');
    expect(evs.some((e) => e.startsWith('Warning Failed: Failed to pull image "nginx:0.0.0-does-not-exist": rpc error: code = NotFound'))).toBe(true);

    c.advance(10_000);
    expect(line('web-2')).toBe('0/1 ErrImagePull 0');
    const p = structuredClone(c.pod('web-2')!);
    p.spec!.containers![0].image = 'nginx:1.9.1';
    c.store.update(R.pods, p);
    c.advance(500);
    expect(line('web-2')).toBe('0/1 ImagePullBackOff 0');
    c.advance(19_999);
    expect(line('web-2')).toBe('0/1 ImagePullBackOff 0');
    c.advance(1);
    expect(line('web-2')).toBe('1/1 Running 0');
  });

  it('fail: Evicted turns a running pod Failed with the eviction reason', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-0'));
    c.advance(2000);
    const p = structuredClone(c.pod('web-0')!);
    p.metadata.annotations = { [ANN_FAIL]: 'Evicted' };
    c.store.update(R.pods, p);
    c.advance(1000);
    const pod = c.pod('web-0')!;
    expect(pod.status).toMatchObject({ phase: 'Failed', reason: 'Evicted' });
    expect(pod.status!.message).toMatch(/^The node was low on resource: memory\./);
    expect(line('web-0')).toBe('0/1 Evicted 0');
    expect(reasons('web-0')).toContain('Evicted');
  });
});

describe('kubelet: deletion', () => {
  it('drops Ready at once, records Killing, and removes the pod after the capped grace period', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('web-0'));
    c.advance(2000);
    c.store.delete(R.pods, 'default', 'web-0', {});
    expect(line('web-0')).toBe('0/1 Terminating 0');
    expect(c.pod('web-0')!.status!.conditions!.find((x) => x.type === 'Ready')!.status).toBe('False');
    const killing = c.events('web-0').find((e) => e.reason === 'Killing')!;
    expect(killing.message).toBe('Stopping container nginx');
    c.advance(1499);
    expect(line('web-0')).toBe('0/1 Terminating 0');
    c.advance(1);
    expect(line('web-0')).toBe('gone');
  });

  it('honours a shorter grace period and scales it by speed', () => {
    c = newTestCluster({ controllers: ['kubelet'], speed: 2 });
    createPod(aPod('web-0', { terminationGracePeriodSeconds: 1 }));
    c.advance(1000);
    c.store.delete(R.pods, 'default', 'web-0', {});
    c.advance(499);
    expect(line('web-0')).toBe('0/1 Terminating 0');
    c.advance(1);
    expect(line('web-0')).toBe('gone');
  });

  it('a recreated pod returns to the node of its local volume with a fresh, never-used IP', () => {
    c = newTestCluster({ controllers: ['kubelet', 'storage'] });
    c.store.create(R.pvcs, aPvc('www-web-0'));
    createPod(aPod('web-0', { claims: ['www-web-0'] }));
    c.advance(3000);
    const first = c.pod('web-0')!.status!.podIP!;
    expect(first).toBe('10.244.1.2');
    c.store.delete(R.pods, 'default', 'web-0', {});
    c.advance(1500);
    expect(line('web-0')).toBe('gone');
    expect(c.kubelet!.ips.wasAllocated(first)).toBe(true);
    createPod(aPod('web-0', { claims: ['www-web-0'] }));
    c.advance(3000);
    expect(line('web-0')).toBe('1/1 Running 0');
    expect(c.pod('web-0')!.spec!.nodeName).toBe('sim-node-1');
    expect(c.pod('web-0')!.status!.podIP).toBe('10.244.1.3');
    expect(c.kubelet!.ips.allocated()).toEqual(['10.244.1.2', '10.244.1.3']);
  });

  it('spreads pods without volumes round-robin when loads are equal', () => {
    c = newTestCluster({ controllers: ['kubelet'] });
    createPod(aPod('a'));
    c.advance(2000);
    c.store.delete(R.pods, 'default', 'a', {});
    c.advance(1500);
    createPod(aPod('a'));
    c.advance(2000);
    expect(c.pod('a')!.spec!.nodeName).toBe('sim-node-2');
    expect(c.pod('a')!.status!.podIP).toBe('10.244.2.2');
  });
});

describe('kubelet: node capacity', () => {
  // Under 'instant' the kubelet removes a deleted pod in the same turn, before the store reports
  // the deletion: the freed room must still be noticed.
  it.each([1, 'instant'] as const)('a pod finds no room on nodes full of pods (Too many pods), and is scheduled once a pod is gone (speed %s)', (speed) => {
    c = newTestCluster({ controllers: ['kubelet'], speed });
    // One pod per node instead of kubelet's default 110, so four pods overflow three nodes.
    for (const n of c.store.list(R.nodes)) {
      const status = n.status as { allocatable: Record<string, string>; capacity: Record<string, string> };
      c.store.update(R.nodes, { ...n, status: { ...status, allocatable: { ...status.allocatable, pods: '1' }, capacity: { ...status.capacity, pods: '1' } } });
    }
    for (const name of ['web-0', 'web-1', 'web-2', 'web-3']) createPod(aPod(name));
    c.advance(2000);
    expect(['web-0', 'web-1', 'web-2'].map(line)).toEqual(['1/1 Running 0', '1/1 Running 0', '1/1 Running 0']);
    expect(line('web-3')).toBe('0/1 Pending 0');
    expect(c.pod('web-3')!.status!.conditions).toContainEqual(expect.objectContaining({
      type: 'PodScheduled', status: 'False', reason: 'Unschedulable',
      message: '0/3 nodes are available: 3 Too many pods. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    }));
    expect(c.events('web-3').find((e) => e.reason === 'FailedScheduling')).toMatchObject({ type: 'Warning' });

    const freed = c.pod('web-1')!.spec!.nodeName;
    c.store.delete(R.pods, 'default', 'web-1', {});
    c.advanceUntil(() => line('web-3') === '1/1 Running 0', 10_000);
    expect(c.pod('web-3')!.spec!.nodeName).toBe(freed);
  });
});

describe('kubelet: volumes', () => {
  it('waits for the PVC to be Bound before creating containers (~1.5 s end to end)', () => {
    c = newTestCluster({ controllers: ['kubelet', 'storage'] });
    c.store.create(R.pvcs, aPvc('www-web-0'));
    createPod(aPod('web-0', { claims: ['www-web-0'] }));
    c.advance(100);
    expect(c.pod('web-0')!.spec!.nodeName).toBe('sim-node-1');
    expect(line('web-0')).toBe('0/1 Pending 0');
    const took = c.advanceUntil(() => line('web-0') === '1/1 Running 0', 10_000, 10);
    expect(took).toBeGreaterThanOrEqual(1300);
    expect(took).toBeLessThanOrEqual(1600);
    expect(c.store.get(R.pvcs, 'default', 'www-web-0')!.status).toMatchObject({ phase: 'Bound' });
  });

  it('under speed "instant" a pod with a fresh PVC is bound and Ready within its create call', () => {
    c = newTestCluster({ controllers: ['kubelet', 'storage'], speed: 'instant' });
    c.store.create(R.pvcs, aPvc('www-web-0'));
    createPod(aPod('web-0', { claims: ['www-web-0'] }));
    expect(line('web-0')).toBe('1/1 Running 0');
    expect(c.store.get(R.pvcs, 'default', 'www-web-0')!.status).toMatchObject({ phase: 'Bound' });
  });

  it('a missing PVC or a missing StorageClass keeps the pod Pending and Unschedulable', () => {
    c = newTestCluster({ controllers: ['kubelet', 'storage'] });
    createPod(aPod('redis-0', { claims: ['data-redis-0'] }));
    c.advance(1000);
    expect(c.pod('redis-0')!.status!.conditions).toContainEqual(expect.objectContaining({
      type: 'PodScheduled', status: 'False', reason: 'Unschedulable',
      message: '0/3 nodes are available: persistentvolumeclaim "data-redis-0" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    }));

    c.store.create(R.pvcs, aPvc('data-redis-0', { storageClassName: 'nfs-client' }));
    c.advance(5000);
    const pod = c.pod('redis-0')!;
    expect(pod.spec!.nodeName).toBeUndefined();
    expect(line('redis-0')).toBe('0/1 Pending 0');
    expect(pod.status!.conditions!.find((x) => x.type === 'PodScheduled')!.message).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(c.events('redis-0').filter((e) => e.reason === 'FailedScheduling').map((e) => e.type)).toEqual(['Warning', 'Warning']);

    c.store.create(R.storageClasses, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'nfs-client' }, provisioner: 'example.com/nfs', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
    c.advanceUntil(() => line('redis-0') === '1/1 Running 0', 10_000);
  });
});
