// Trims cluster objects as they enter the cache, so nothing sensitive or bulky is kept, let alone
// sent to a browser (architecture.md): no managedFields, no last-applied-configuration
// annotation, no environment variable values (only their names stay). Secrets are never watched.
// The topology model reads none of the removed fields.

import type { KubeObject } from '../kube/types.ts';

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';
const CONTAINER_LISTS = ['containers', 'initContainers', 'ephemeralContainers'] as const;

type Dict = Record<string, unknown>;

function isDict(v: unknown): v is Dict {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function trimContainer(c: unknown): unknown {
  if (!isDict(c)) return c;
  const out: Dict = { ...c };
  if (Array.isArray(c.env)) out.env = c.env.map((e) => (isDict(e) ? { name: e.name } : e));
  // envFrom names ConfigMaps/Secrets, not values; kept.
  return out;
}

/** A pod spec with the values of every container's env removed. */
function trimPodSpec(spec: unknown): unknown {
  if (!isDict(spec)) return spec;
  const out: Dict = { ...spec };
  for (const k of CONTAINER_LISTS) {
    const list = spec[k];
    if (Array.isArray(list)) out[k] = list.map(trimContainer);
  }
  return out;
}

function trimTemplateHolder(holder: unknown): unknown {
  if (!isDict(holder) || !isDict(holder.template)) return holder;
  return { ...holder, template: { ...holder.template, spec: trimPodSpec(holder.template.spec) } };
}

function trimMetadata(meta: KubeObject['metadata']): KubeObject['metadata'] {
  const out = { ...meta };
  delete out.managedFields;
  if (out.annotations && LAST_APPLIED in out.annotations) {
    const annotations = { ...out.annotations };
    delete annotations[LAST_APPLIED];
    out.annotations = annotations;
  }
  return out;
}

/** A copy of obj without the fields that must not leave the server. Does not mutate obj. */
export function trimObject(obj: KubeObject): KubeObject {
  const out: KubeObject = { ...obj, metadata: trimMetadata(obj.metadata ?? {}) };
  switch (obj.kind) {
    case 'Pod':
      out.spec = trimPodSpec(obj.spec);
      break;
    case 'StatefulSet':
      out.spec = trimTemplateHolder(obj.spec);
      break;
    case 'ControllerRevision':
      // data is a strategic-merge patch holding {spec: {template: ...}}.
      if (isDict(obj.data)) out.data = { ...obj.data, spec: trimTemplateHolder(obj.data.spec) };
      break;
  }
  return out;
}
