// Topology models for the components' unit tests, built by the real buildTopology from the
// lib/topology test builders (the workshop's web/nginx example). Test-only.

import { buildTopology } from '../../lib/topology/build-topology.ts';
import { NOW, aPod, aStatefulSet } from '../../lib/topology/testdata/builders.ts';
import { IP, boundStorage, sceneInput, seededScene } from '../../lib/topology/testdata/scenarios.ts';
import { aService } from '../../lib/topology/testdata/service-builders.ts';
import type { Topology } from '../../lib/topology/types.ts';

/** web: 2 Ready pods, headless Service nginx, Bound PVCs www-web-0/1. */
export function seeded(): Topology {
  return buildTopology(sceneInput(seededScene()), { now: NOW });
}

/** The seeded set after web-1 was deleted and recreated: Pending with no IP yet. */
export function web1Recreating(previous: Topology): Topology {
  const sts = aStatefulSet('web').replicas(2).withClaimTemplate('www')
    .counts({ replicas: 2, ready: 1, current: 2, updated: 2, available: 1 }).build();
  const pods = [aPod(sts, 0).ready(IP(0), 'node-1').build(), aPod(sts, 1).uid('uid-web-1-b').createdAt(200).scheduled('node-2').build()];
  const input = sceneInput({ statefulSet: sts, pods, services: [aService('nginx').build()], ...boundStorage('web', [0, 1]) });
  return buildTopology({ ...input, previous }, { now: NOW });
}

/** Scaled to 3: web-2 does not exist yet (a placeholder) and has no claim yet. */
export function scaledToThree(): Topology {
  const sts = aStatefulSet('web').replicas(3).withClaimTemplate('www')
    .counts({ replicas: 2, ready: 2, current: 2, updated: 2, available: 2 }).build();
  const pods = [aPod(sts, 0).ready(IP(0), 'node-1').build(), aPod(sts, 1).ready(IP(1), 'node-2').build()];
  return buildTopology(sceneInput({ statefulSet: sts, pods, services: [aService('nginx').build()], ...boundStorage('web', [0, 1]) }), { now: NOW });
}

/** A Parallel-sized set of `replicas` Ready pods with bound claims (large-set rendering). */
export function largeSet(replicas: number, claimsKept = replicas): Topology {
  const sts = aStatefulSet('web').replicas(replicas).withClaimTemplate('www')
    .counts({ replicas, ready: replicas, current: replicas, updated: replicas, available: replicas }).build();
  const ordinals = Array.from({ length: replicas }, (_, i) => i);
  const pods = ordinals.map((i) => aPod(sts, i).ready(`10.244.${Math.floor(i / 250)}.${(i % 250) + 2}`, 'node-1').build());
  // claimsKept > replicas: the PVCs (and PVs) of a larger scale, kept after the scale-down.
  const claimOrdinals = Array.from({ length: Math.max(replicas, claimsKept) }, (_, i) => i);
  return buildTopology(sceneInput({ statefulSet: sts, pods, services: [aService('nginx').build()], ...boundStorage('web', claimOrdinals) }), { now: NOW });
}
