// Assembles TopologyInput from builders, deriving EndpointSlices from the Services and pods the
// way the EndpointSlice controller would. The seeded scene is the workshop's web/nginx example
// (workshop-flows.md) with two Ready pods and Bound PVCs. Test-only.

import type { KubeObject } from '../../kube/types.ts';
import type { TopologyInput } from '../types.ts';
import { aPod, aStatefulSet } from './builders.ts';
import { aService, endpointSliceFor } from './service-builders.ts';
import { aClaim, aStorageClass, aVolumeFor } from './storage-builders.ts';

export interface Scene {
  statefulSet: KubeObject;
  pods?: KubeObject[];
  services?: KubeObject[];
  pvcs?: KubeObject[];
  pvs?: KubeObject[];
  storageClasses?: KubeObject[];
  events?: KubeObject[];
  endpointSlices?: KubeObject[];
  pvAccess?: 'ok' | 'forbidden';
}

export function sceneInput(scene: Scene): TopologyInput {
  const pods = scene.pods ?? [];
  const services = scene.services ?? [];
  return {
    statefulSet: scene.statefulSet,
    pods,
    services,
    endpointSlices: scene.endpointSlices ?? services.map((s) => endpointSliceFor(s, pods)),
    pvcs: scene.pvcs ?? [],
    pvs: scene.pvs ?? [],
    storageClasses: scene.storageClasses ?? [aStorageClass('standard', { isDefault: true, waitForFirstConsumer: true })],
    controllerRevisions: [],
    events: scene.events ?? [],
    pvAccess: scene.pvAccess ?? 'ok',
  };
}

/** Bound `<template>-<set>-<n>` claims and their PVs for the given ordinals. */
export function boundStorage(setName: string, ordinals: number[], template = 'www'): { pvcs: KubeObject[]; pvs: KubeObject[] } {
  const pvcs = ordinals.map((o) => aClaim(`${template}-${setName}-${o}`).bound(`pvc-0000000${o}-${template}`).build());
  return { pvcs, pvs: pvcs.map(aVolumeFor) };
}

export const IP = (ordinal: number) => `10.244.1.${10 + ordinal}`;

/** `web` (2 replicas, serviceName nginx, claim template www), 2 Ready pods, Bound PVCs. */
export function seededScene(): Scene {
  const sts = aStatefulSet('web').replicas(2).withClaimTemplate('www')
    .counts({ replicas: 2, ready: 2, current: 2, updated: 2, available: 2 }).build();
  return {
    statefulSet: sts,
    pods: [aPod(sts, 0).ready(IP(0), 'node-1').build(), aPod(sts, 1).ready(IP(1), 'node-2').build()],
    services: [aService('nginx').build()],
    ...boundStorage('web', [0, 1]),
  };
}
