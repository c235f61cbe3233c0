import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { applyDefaults } from './defaults.ts';
import { formatInvalidMessage, validateCreate, validateUpdate, type Cause } from './validation.ts';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Doc = KubeObject & Any;

const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const STS_FORBIDDEN = "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden";

function defaulted(key: string, obj: KubeObject): Doc {
  applyDefaults(key, obj);
  return obj as Doc;
}

function sts(mutate: (s: Any) => void = () => {}): Doc {
  const obj: Any = {
    metadata: { name: 'web', namespace: 'default', resourceVersion: '5' },
    spec: {
      serviceName: 'nginx',
      replicas: 2,
      selector: { matchLabels: { app: 'nginx' } },
      template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
    },
  };
  mutate(obj);
  return defaulted(R.statefulsets, obj as KubeObject);
}

/** What `kubectl` would print for a failed create. */
const stsError = (causes: Cause[]) => formatInvalidMessage('StatefulSet.apps', 'web', causes);
const lines = (causes: Cause[]) => causes.map((c) => `${c.field}: ${c.message}`);

describe('validateCreate: StatefulSet', () => {
  it('accepts the workshop StatefulSet', () => {
    expect(validateCreate(R.statefulsets, sts())).toEqual([]);
  });

  it('rejects a name that is not a DNS label, in the server wording', () => {
    const causes = validateCreate(R.statefulsets, sts((s) => { s.metadata.name = 'Web_1'; }));
    expect(causes).toEqual([{ reason: 'FieldValueInvalid', message: `Invalid value: "Web_1": ${LABEL_MSG}`, field: 'metadata.name' }]);
    expect(formatInvalidMessage('StatefulSet.apps', 'Web_1', causes)).toBe(`StatefulSet.apps "Web_1" is invalid: metadata.name: Invalid value: "Web_1": ${LABEL_MSG}`);
    expect(lines(validateCreate(R.statefulsets, sts((s) => { s.metadata.name = 'web.v2'; })))).toEqual(['metadata.name: Invalid value: "web.v2": must not contain dots']);
  });

  it('rejects negative replicas with the exact Status message', () => {
    expect(stsError(validateCreate(R.statefulsets, sts((s) => { s.spec.replicas = -1; }))))
      .toBe('StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
  });

  it('requires the selector to be non-empty and to match the template labels', () => {
    expect(lines(validateCreate(R.statefulsets, sts((s) => { s.spec.template.metadata.labels = { app: 'other' }; }))))
      .toEqual(['spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`']);
    expect(lines(validateCreate(R.statefulsets, sts((s) => { s.spec.selector = {}; }))))
      .toEqual(['spec.selector: Invalid value: {}: empty selector is invalid for statefulset']);
    expect(lines(validateCreate(R.statefulsets, sts((s) => { delete s.spec.selector; })))).toEqual(['spec.selector: Required value']);
    expect(lines(validateCreate(R.statefulsets, sts((s) => { s.spec.selector = { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] }; }))))
      .toContain("spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'");
  });

  it('checks policies, strategy, ordinals and the template restart policy', () => {
    const causes = validateCreate(R.statefulsets, sts((s) => {
      s.spec.podManagementPolicy = 'Random';
      s.spec.updateStrategy = { type: 'OnDelete', rollingUpdate: { partition: 1 } };
      s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Keep', whenScaled: 'Retain' };
      s.spec.minReadySeconds = -3;
      s.spec.ordinals = { start: -1 };
      s.spec.template.spec.restartPolicy = 'Never';
      s.spec.template.spec.activeDeadlineSeconds = 10;
    }));
    expect(lines(causes)).toEqual([
      "spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'",
      "spec.updateStrategy.rollingUpdate: Invalid value: {\"partition\":1}: only allowed for updateStrategy 'RollingUpdate'",
      'spec.persistentVolumeClaimRetentionPolicy.whenDeleted: Unsupported value: "Keep": supported values: "Retain", "Delete"',
      'spec.minReadySeconds: Invalid value: -3: must be greater than or equal to 0',
      'spec.ordinals.start: Invalid value: -1: must be greater than or equal to 0',
      'spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"',
      'spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in StatefulSet is not Supported',
    ]);
    expect(lines(validateCreate(R.statefulsets, sts((s) => { s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }; }))))
      .toEqual(['spec.updateStrategy.rollingUpdate.partition: Invalid value: -1: must be greater than or equal to 0']);
  });

  it('joins several causes as [a, b]', () => {
    const causes = validateCreate(R.statefulsets, sts((s) => { s.spec.replicas = -1; s.spec.minReadySeconds = -1; }));
    expect(stsError(causes)).toBe('StatefulSet.apps "web" is invalid: [spec.replicas: Invalid value: -1: must be greater than or equal to 0, spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0]');
    expect(formatInvalidMessage('StatefulSet', 'web', causes.slice(0, 1))).toMatch(/^StatefulSet\.apps "web" is invalid/);
  });

  it('checks metadata labels and annotations', () => {
    const got = lines(validateCreate(R.statefulsets, sts((s) => { s.metadata.labels = { 'bad key!': 'ok', good: '-bad' }; s.metadata.annotations = { 'a/b/c': 'x' }; })));
    expect(got).toHaveLength(3);
    expect(got[0]).toMatch(/^metadata\.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters/);
    expect(got[1]).toMatch(/^metadata\.labels: Invalid value: "-bad": a valid label must be an empty string/);
    expect(got[2]).toMatch(/^metadata\.annotations: Invalid value: "a\/b\/c": a valid label key must consist/);
  });
});

describe('validateUpdate: StatefulSet', () => {
  it('allows the mutable fields to change', () => {
    const next = sts((s) => {
      s.spec.replicas = 5;
      s.spec.template.spec.containers[0].image = 'nginx:1.25';
      s.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 2 } };
      s.spec.minReadySeconds = 10;
      s.spec.revisionHistoryLimit = 3;
      s.spec.ordinals = { start: 1 };
      s.spec.persistentVolumeClaimRetentionPolicy = { whenDeleted: 'Delete', whenScaled: 'Retain' };
    });
    expect(validateUpdate(R.statefulsets, next, sts())).toEqual([]);
  });

  it('forbids changing claim templates, selector, serviceName or podManagementPolicy (scenario 28)', () => {
    const changes: Array<(s: Any) => void> = [
      (s) => { s.spec.volumeClaimTemplates[0].spec.resources.requests.storage = '2Gi'; },
      (s) => { s.spec.selector = { matchLabels: { app: 'nginx', tier: 'web' } }; s.spec.template.metadata.labels.tier = 'web'; },
      (s) => { s.spec.serviceName = 'other'; },
      (s) => { s.spec.podManagementPolicy = 'Parallel'; },
    ];
    for (const change of changes) {
      const causes = validateUpdate(R.statefulsets, sts(change), sts());
      expect(lines(causes)).toEqual([STS_FORBIDDEN]);
      expect(stsError(causes)).toBe(`StatefulSet.apps "web" is invalid: ${STS_FORBIDDEN}`);
    }
  });

  it('still validates the new spec and the metadata', () => {
    expect(lines(validateUpdate(R.statefulsets, sts((s) => { s.spec.replicas = -2; }), sts()))).toEqual(['spec.replicas: Invalid value: -2: must be greater than or equal to 0']);
    expect(lines(validateUpdate(R.statefulsets, sts((s) => { s.metadata.name = 'web2'; }), sts()))).toEqual(['metadata.name: Invalid value: "web2": field is immutable']);
  });
});

function service(spec: Any, name = 'nginx'): Doc {
  return defaulted(R.services, { metadata: { name, namespace: 'default' }, spec } as KubeObject);
}

describe('Service', () => {
  it('accepts the headless workshop Service and a headless Service without ports', () => {
    expect(validateCreate(R.services, service({ ports: [{ port: 80, name: 'web' }], clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'nginx' } }))).toEqual([]);
    expect(validateCreate(R.services, service({ clusterIP: 'None', selector: { app: 'nginx' } }))).toEqual([]);
  });

  it('requires ports unless headless and checks their range, names and duplicates', () => {
    expect(lines(validateCreate(R.services, service({ selector: { app: 'x' } })))).toEqual(['spec.ports: Required value']);
    expect(lines(validateCreate(R.services, service({ ports: [{ port: 0 }] })))).toEqual([
      'spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive',
      'spec.ports[0].targetPort: Invalid value: 0: must be between 1 and 65535, inclusive',
    ]);
    expect(lines(validateCreate(R.services, service({ ports: [{ port: 80, name: 'web' }, { port: 80 }] })))).toEqual([
      'spec.ports[1].name: Required value',
      'spec.ports[1]: Duplicate value: {"AppProtocol":null,"Name":"","NodePort":0,"Port":80,"Protocol":"TCP","TargetPort":0}',
    ]);
  });

  it('checks the name (DNS-1035), type and selector', () => {
    expect(lines(validateCreate(R.services, service({ ports: [{ port: 80 }] }, '1nginx')))[0]).toMatch(/^metadata\.name: Invalid value: "1nginx": a DNS-1035 label must/);
    expect(lines(validateCreate(R.services, service({ ports: [{ port: 80 }], type: 'Magic' })))).toContain('spec.type: Unsupported value: "Magic": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"');
    expect(lines(validateCreate(R.services, service({ ports: [{ port: 80 }], selector: { app: 'no good' } })))[0]).toMatch(/^spec\.selector: Invalid value: "no good": a valid label must be/);
  });

  it('keeps the clusterIP immutable', () => {
    const old = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] });
    const moved = service({ ports: [{ port: 80 }], clusterIP: '10.96.0.21', clusterIPs: ['10.96.0.21'] });
    expect(lines(validateUpdate(R.services, moved, old))).toEqual(['spec.clusterIPs[0]: Invalid value: ["10.96.0.21"]: may not change once set']);
    const sameIP = service({ ports: [{ port: 8080 }], clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'] });
    expect(validateUpdate(R.services, sameIP, old)).toEqual([]);
  });
});

function pod(mutate: (p: Any) => void = () => {}): Doc {
  const obj: Any = { metadata: { name: 'web-0', namespace: 'default' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.9.1', ports: [{ containerPort: 80, name: 'web' }] }] } };
  mutate(obj);
  return defaulted(R.pods, obj as KubeObject);
}

describe('Pod', () => {
  it('accepts a basic pod', () => {
    expect(validateCreate(R.pods, pod())).toEqual([]);
  });

  it('requires containers with unique DNS-label names and an image', () => {
    expect(lines(validateCreate(R.pods, pod((p) => { p.spec.containers = []; })))).toEqual(['spec.containers: Required value']);
    expect(lines(validateCreate(R.pods, pod((p) => { p.spec.containers.push({ name: 'nginx', image: '' }, { name: 'Side_car', image: 'x' }); })))).toEqual([
      'spec.containers[1].name: Duplicate value: "nginx"',
      'spec.containers[1].image: Required value',
      `spec.containers[2].name: Invalid value: "Side_car": ${LABEL_MSG}`,
    ]);
    expect(lines(validateCreate(R.pods, pod((p) => { p.spec.containers[0].ports[0].containerPort = 70000; }))))
      .toEqual(['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive']);
  });

  it('allows image, activeDeadlineSeconds and toleration additions on update', () => {
    const old = pod();
    const next = pod((p) => {
      p.spec.containers[0].image = 'nginx:1.25';
      p.spec.activeDeadlineSeconds = 600;
      p.spec.tolerations = [{ key: 'extra', operator: 'Exists' }];
    });
    expect(validateUpdate(R.pods, next, old)).toEqual([]);
  });

  it('forbids other spec changes with the upstream message', () => {
    const causes = validateUpdate(R.pods, pod((p) => { p.spec.containers[0].ports[0].containerPort = 81; }), pod());
    expect(causes).toHaveLength(1);
    expect(causes[0].field).toBe('spec');
    expect(causes[0].message).toMatch(/^Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`,`spec.initContainers\[\*\].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` \(only additions to existing tolerations\),`spec.terminationGracePeriodSeconds` \(allow it to be set to 1 if it was previously negative\)/);
    const old = pod((p) => { p.spec.activeDeadlineSeconds = 100; });
    expect(lines(validateUpdate(R.pods, pod((p) => { p.spec.activeDeadlineSeconds = 200; }), old))).toEqual(['spec.activeDeadlineSeconds: Invalid value: 200: must be less than or equal to previous value']);
    const removed = pod();
    removed.spec.tolerations = [];
    expect(lines(validateUpdate(R.pods, removed, pod()))).toContain('spec.tolerations: Forbidden: existing toleration can not be modified except its tolerationSeconds');
  });
});

function pvc(mutate: (p: Any) => void = () => {}): Doc {
  const obj: Any = { metadata: { name: 'www-web-0', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard' } };
  mutate(obj);
  return defaulted(R.pvcs, obj as KubeObject);
}

describe('PersistentVolumeClaim', () => {
  it('requires access modes and a positive storage request', () => {
    expect(validateCreate(R.pvcs, pvc())).toEqual([]);
    expect(lines(validateCreate(R.pvcs, pvc((p) => { p.spec.accessModes = []; delete p.spec.resources; })))).toEqual([
      'spec.accessModes: Required value: at least 1 access mode is required',
      'spec.resources[storage]: Required value',
    ]);
    expect(lines(validateCreate(R.pvcs, pvc((p) => { p.spec.accessModes = ['ReadWriteAlways']; p.spec.resources.requests.storage = '0'; })))).toEqual([
      'spec.accessModes: Unsupported value: "ReadWriteAlways": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"',
      'spec.resources[storage]: Invalid value: "0": must be greater than zero',
    ]);
  });

  it('keeps the spec immutable except binding and growing a bound claim', () => {
    const pending = pvc();
    const bind = pvc((p) => { p.spec.volumeName = 'pvc-123'; });
    expect(validateUpdate(R.pvcs, bind, pending)).toEqual([]);
    expect(lines(validateUpdate(R.pvcs, pvc((p) => { p.spec.accessModes = ['ReadWriteMany']; }), pending)))
      .toEqual(['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']);
    expect(lines(validateUpdate(R.pvcs, pvc((p) => { p.spec.resources.requests.storage = '2Gi'; }), pending)))
      .toEqual(['spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims']);
    const bound = pvc((p) => { p.spec.volumeName = 'pvc-123'; p.status = { phase: 'Bound', capacity: { storage: '1Gi' } }; });
    const grown = pvc((p) => { p.spec.volumeName = 'pvc-123'; p.spec.resources.requests.storage = '2Gi'; });
    expect(validateUpdate(R.pvcs, grown, bound)).toEqual([]);
    const shrunk = pvc((p) => { p.spec.volumeName = 'pvc-123'; p.spec.resources.requests.storage = '512Mi'; });
    expect(lines(validateUpdate(R.pvcs, shrunk, bound))).toEqual(['spec.resources.requests.storage: Forbidden: field can not be less than status.capacity']);
  });
});

describe('other kinds', () => {
  it('validates Scale replicas', () => {
    const scale = { metadata: { name: 'web', namespace: 'default' }, spec: { replicas: -1 } } as KubeObject;
    const causes = validateCreate('scale', scale);
    expect(formatInvalidMessage('Scale', 'web', causes)).toBe('Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    expect(validateUpdate('statefulsets.apps/scale', { ...scale, spec: { replicas: 3 } }, scale)).toEqual([]);
  });

  it('checks only metadata for kinds without rules', () => {
    expect(validateCreate(R.configMaps, { metadata: { name: 'cfg.v1', namespace: 'default' }, data: { '!!': 'x' } })).toEqual([]);
    expect(lines(validateCreate(R.configMaps, { metadata: { name: 'Cfg', namespace: 'default' } }))[0]).toMatch(/^metadata\.name: Invalid value: "Cfg": a lowercase RFC 1123 subdomain/);
    expect(lines(validateCreate(R.namespaces, { metadata: { name: 'my.ns' } }))).toEqual(['metadata.name: Invalid value: "my.ns": must not contain dots']);
    expect(lines(validateCreate(R.pods, { metadata: { namespace: 'default' }, spec: { containers: [{ name: 'a', image: 'a' }] } }))).toEqual(['metadata.name: Required value: name or generateName is required']);
  });

  it('keeps ControllerRevision data immutable', () => {
    const rev = { metadata: { name: 'web-776999688b', namespace: 'default' }, data: { spec: { template: {} } }, revision: 1 } as KubeObject;
    expect(validateCreate(R.controllerRevisions, rev)).toEqual([]);
    expect(validateUpdate(R.controllerRevisions, { ...rev, revision: 3 }, rev)).toEqual([]);
    expect(lines(validateUpdate(R.controllerRevisions, { ...rev, data: { x: 1 } }, rev))).toEqual(['data: Invalid value: {"x":1}: field is immutable']);
  });
});
