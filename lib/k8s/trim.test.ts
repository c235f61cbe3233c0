import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../kube/types.ts';
import { trimObject } from './trim.ts';

const template = (value: string) => ({
  metadata: { labels: { app: 'db' } },
  spec: {
    initContainers: [{ name: 'init', env: [{ name: 'TOKEN', value }] }],
    containers: [{ name: 'db', env: [{ name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }, { name: 'MODE', value }] }],
  },
});

describe('trimObject', () => {
  it('keeps env names but no values in a StatefulSet template and a ControllerRevision', () => {
    const set: KubeObject = { kind: 'StatefulSet', metadata: { name: 'db', managedFields: [{}] }, spec: { replicas: 1, template: template('secret') } };
    const rev: KubeObject = { kind: 'ControllerRevision', metadata: { name: 'db-1' }, data: { spec: { template: template('secret') } }, revision: 1 };
    for (const o of [set, rev]) {
      const t = trimObject(o);
      expect(JSON.stringify(t)).not.toContain('secret');
      expect(JSON.stringify(t)).toContain('"name":"PASSWORD"');
      expect(JSON.stringify(t)).toContain('"name":"TOKEN"');
    }
    expect(trimObject(set).metadata.managedFields).toBeUndefined();
    expect((trimObject(set).spec as { replicas: number }).replicas).toBe(1);
    expect(trimObject(rev).revision).toBe(1);
  });

  it('does not change its input', () => {
    const pod: KubeObject = { kind: 'Pod', metadata: { name: 'p', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } }, spec: template('v').spec };
    const before = structuredClone(pod);
    trimObject(pod);
    expect(pod).toEqual(before);
  });
});
