// StatefulSets (printStatefulSet) and ControllerRevisions (printControllerRevision).

import type { KubeObject, OwnerReference } from '../../../kube/types.ts';
import { CONTROLLER_REVISION_REVISION } from './descriptions.ts';
import { ageColumn, ageOf, column, layoutContainers, nameColumn, nameOf, part, wide, type Printer } from './common.ts';

interface StatefulSetSpecLike {
  replicas: number;
  template: { spec?: { containers?: Array<{ name?: string; image?: string }> } };
}

export const statefulSetPrinter: Printer = {
  columns: [
    nameColumn,
    column('Ready', 'Number of the pod with ready state'),
    ageColumn,
    wide('Containers', 'Names of each container in the template.'),
    wide('Images', 'Images referenced by each container in the template.'),
  ],
  print(sts, now) {
    const spec = part<StatefulSetSpecLike>(sts, 'spec');
    const ready = part<{ readyReplicas: number }>(sts, 'status').readyReplicas ?? 0;
    // apps/v1 defaults replicas to 1, so an unset field reads as 1 on a real server.
    const [names, images] = layoutContainers(spec.template?.spec?.containers);
    return { cells: [nameOf(sts), `${ready}/${spec.replicas ?? 1}`, ageOf(sts, now), names, images] };
  },
};

/** formatResourceName: "<kind>.<group>/<name>" in lower case ("statefulset.apps/web"). */
function controllerName(ref: OwnerReference | undefined): string {
  if (!ref) return '<none>';
  const version = ref.apiVersion ?? '';
  const group = version.includes('/') ? version.slice(0, version.indexOf('/')) : '';
  const groupKind = group ? `${ref.kind}.${group}` : ref.kind;
  return groupKind ? `${groupKind.toLowerCase()}/${ref.name}` : ref.name;
}

export const controllerRevisionPrinter: Printer = {
  columns: [
    nameColumn,
    column('Controller', 'Controller of the object'),
    column('Revision', CONTROLLER_REVISION_REVISION),
    ageColumn,
  ],
  print(cr: KubeObject, now) {
    const ref = (cr.metadata.ownerReferences ?? []).find((o) => o.controller === true);
    const revision = typeof cr.revision === 'number' ? cr.revision : 0;
    return { cells: [nameOf(cr), controllerName(ref), revision, ageOf(cr, now)] };
  },
};
