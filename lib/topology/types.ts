// The topology model: one StatefulSet as the dashboard shows it. Contract: every value is plain
// JSON (strings, numbers, booleans, null, arrays, plain objects) because the model crosses the
// SSE wire as is; optional facts are `null`, never `undefined`. Objects are keyed by
// `Kind/namespace/name` (cluster-scoped: `Kind/name`); the uid only tells that a pod was replaced.

import type { KubeObject } from '../kube/types.ts';

/**
 * Contract: input objects are never mutated once handed in; a change comes as a new object, as
 * the namespace cache does it. The builder reads each object once (WeakMaps keyed by the object)
 * and, given `previous`, reuses what it built from the same objects.
 */
export interface TopologyInput {
  statefulSet: KubeObject;
  /** Objects of the set's namespace (other namespaces' objects are ignored). */
  pods: KubeObject[];
  services: KubeObject[];
  endpointSlices: KubeObject[];
  pvcs: KubeObject[];
  /** Cluster-wide, or empty with pvAccess 'forbidden' when RBAC does not allow reading them. */
  pvs: KubeObject[];
  storageClasses: KubeObject[];
  controllerRevisions: KubeObject[];
  /** Only Warning events are read, so a caller may leave the others out. */
  events: readonly KubeObject[];
  pvAccess?: 'ok' | 'forbidden';
  /**
   * The model built from the previous state: carries "recreated" and "previous IP" facts, and
   * lends the parts whose inputs did not change (build-topology.ts).
   */
  previous?: TopologyModel;
}

export interface TopologyOptions {
  /** Milliseconds since the epoch (from the caller's Clock). */
  now: number;
  /** DNS zone of the cluster; default `cluster.local`. */
  clusterDomain?: string;
}

export interface Topology {
  statefulSet: StatefulSetInfo;
  /** Ascending ordinal: the in-range slots plus condemned pods above or below the range. */
  pods: PodSlot[];
  /** The governing Service named by spec.serviceName; null when serviceName is empty. */
  service: ServiceInfo | null;
  /** Ascending ordinal, then claim template order. */
  claims: ClaimInfo[];
  /** Plain sentences for a learner, most important first. */
  explanations: string[];
  warningEvents: WarningEvent[];
  pvAccess: 'ok' | 'forbidden';
  /** Derived from the parts above by withGraph (graph.ts); not sent over the wire. */
  nodes: TopologyNode[];
  edges: TopologyEdge[];
}

/** The topology without its derived graph: what the SSE wire carries. */
export type TopologyModel = Omit<Topology, 'nodes' | 'edges'>;

export interface ReplicaCounts {
  /** spec.replicas (defaulted to 1). */
  desired: number;
  /** status.replicas: pods that exist, terminating ones included. */
  current: number;
  ready: number;
  updated: number;
  available: number;
  /** status.currentReplicas: pods on the current revision. */
  onCurrentRevision: number;
}

export interface StatefulSetInfo {
  id: string;
  name: string;
  namespace: string;
  uid: string;
  createdAt: string | null;
  deleting: boolean;
  replicas: ReplicaCounts;
  /** kubectl READY column: "<readyReplicas>/<spec.replicas>". */
  ready: string;
  podManagementPolicy: string;
  updateStrategy: string;
  /** rollingUpdate.partition (relative to ordinals.start); 0 when not set. */
  partition: number;
  ordinalsStart: number;
  currentRevision: string | null;
  updateRevision: string | null;
  /** The revision name without the `<set>-` prefix, e.g. `6f7d5c9b8`. */
  currentRevisionHash: string | null;
  updateRevisionHash: string | null;
  serviceName: string;
  minReadySeconds: number;
  retentionPolicy: { whenDeleted: string; whenScaled: string };
  selector: string;
  claimTemplates: string[];
  /** What `kubectl rollout status sts/<name>` prints (without the trailing newline). */
  rolloutStatus: string;
  rolloutDone: boolean;
  generation: number;
  observedGeneration: number;
}

export interface PodCommon {
  /** Graph node id, `Pod/<ns>/<name>`, the same for a placeholder and the pod that fills it. */
  id: string;
  name: string;
  ordinal: number;
  /** Outside [start, start+replicas): deleted by scale-down. */
  condemned: boolean;
  /** `<pod>.<svc>.<ns>.svc.<domain>`; null when the set has no serviceName. */
  dnsName: string | null;
  dnsPublished: boolean;
  /** Why the DNS name does not resolve; null when published. */
  dnsReason: string | null;
  /** Incarnations replaced while the dashboard watched (carried from the previous topology). */
  recreateCount: number;
}

export interface PodInfo extends PodCommon {
  placeholder: false;
  uid: string;
  /** kubectl columns. */
  kubectl: { ready: string; status: string; restarts: string };
  readyCount: number;
  total: number;
  restartCount: number;
  lastRestartAt: number | null;
  phase: string;
  /** The Ready condition is True. */
  ready: boolean;
  /** Ready for at least minReadySeconds (podutil.IsPodAvailable). */
  available: boolean;
  terminating: boolean;
  node: string | null;
  podIP: string | null;
  /** Its controller ownerRef points at this set (by uid): the `owns` edge. An orphan the set would adopt is not. */
  controlled: boolean;
  /** The governing Service's EndpointSlices list this incarnation (ready or not): the `selects` edge. */
  hasEndpoint: boolean;
  /** PVC names its volumes mount (spec.volumes[].persistentVolumeClaim.claimName): the `mounts` edges. */
  mountedClaims: string[];
  /** The IP of an earlier incarnation when it differs from podIP; null otherwise. */
  previousIP: string | null;
  /** This incarnation replaced an earlier one (new uid, same name). */
  recreated: boolean;
  /** controller-revision-hash label (a ControllerRevision name). */
  revision: string | null;
  onUpdateRevision: boolean;
  onCurrentRevision: boolean;
  createdAt: string | null;
  /** One sentence on what happens to this pod next, e.g. why a condemned pod waits. */
  note: string | null;
}

export interface PodPlaceholder extends PodCommon {
  placeholder: true;
  /** Why the pod does not exist yet, from the controller rules. */
  reason: string;
  /** The lower ordinal the controller waits for (OrderedReady), if any. */
  blockedBy: string | null;
  /** The last incarnation seen before it disappeared, to detect the replacement. */
  lastSeen: { uid: string; podIP: string | null } | null;
}

export type PodSlot = PodInfo | PodPlaceholder;

export interface ServicePortInfo {
  name: string;
  port: number;
  targetPort: string | number | null;
  protocol: string;
}

export interface ServiceInfo {
  id: string;
  name: string;
  namespace: string;
  exists: boolean;
  headless: boolean;
  clusterIP: string | null;
  ports: ServicePortInfo[];
  selector: Record<string, string> | null;
  publishNotReadyAddresses: boolean;
  /** `<svc>.<ns>.svc.<domain>`. */
  dnsName: string;
  /** What `nslookup <svc>` answers: ready endpoint IPs (headless) or the ClusterIP; [] = NXDOMAIN. */
  lookup: string[];
  warnings: string[];
}

export interface VolumeInfo {
  id: string;
  name: string;
  phase: string | null;
  capacity: string | null;
  reclaimPolicy: string | null;
  storageClassName: string | null;
  claimRef: { namespace: string; name: string; uid: string | null } | null;
}

export interface ClaimInfo {
  id: string;
  name: string;
  template: string;
  ordinal: number;
  podName: string;
  exists: boolean;
  /** kubectl STATUS: Pending, Bound, Lost or Terminating; null when the PVC does not exist. */
  status: string | null;
  phase: string | null;
  /** Shown, as kubectl does, only once spec.volumeName is set. */
  capacity: string | null;
  accessModes: string[];
  requested: string | null;
  storageClassName: string | null;
  volumeName: string | null;
  /** The bound PV; null when unbound, unreadable (pvAccess 'forbidden') or missing. */
  pv: VolumeInfo | null;
  /** Kept after scale-down for an ordinal that has no pod now. */
  retained: boolean;
  reason: string | null;
  warnings: string[];
}

export interface WarningEvent {
  /** Graph node id of the object the event is about. */
  nodeId: string;
  reason: string;
  message: string;
  count: number;
  lastSeen: string | null;
  /**
   * Why the warning no longer applies to the object as it is now (a pod that failed to schedule
   * has been scheduled since; the event is about an earlier incarnation of a re-created pod);
   * null while it may still apply.
   */
  past: string | null;
}

export type NodeKind = 'StatefulSet' | 'Service' | 'Pod' | 'PersistentVolumeClaim' | 'PersistentVolume';

/** Flat graph node for the UI; details live in the model parts above, found by id. */
export interface TopologyNode {
  id: string;
  kind: NodeKind;
  name: string;
  namespace: string | null;
  /** Short status for `data-status`: kubectl STATUS, PVC STATUS, PV phase, "NotCreated", ... */
  status: string;
  /** Pod ordinal, or the ordinal of the pod a PVC/PV belongs to; null otherwise. */
  ordinal: number | null;
  /** Claim template index for PVC/PV nodes; null otherwise. */
  slot: number | null;
  /** Not an object in the cluster: a pod or PVC still to be created, a missing Service. */
  ghost: boolean;
  warning: boolean;
}

export type EdgeLabel = 'serviceName' | 'owns' | 'mounts' | 'bound' | 'selects';

export interface TopologyEdge {
  id: string;
  source: string;
  target: string;
  label: EdgeLabel;
}
