// Server-side printing: the meta.k8s.io/v1 Table a kube-apiserver returns for
// `Accept: application/json;as=Table;g=meta.k8s.io;v=v1`, which is what `kubectl get`,
// `get -o wide` and `get -w` render. Columns and cells follow upstream
// pkg/printers/internalversion/printers.go; one printer per kind lives in ./printers/.
//
// Contract: pure (no I/O, time comes in as opts.now). Rows always carry the wide (priority 1)
// cells, as a real server's do; kubectl drops those columns unless asked for -o wide. Row
// objects share structure with `items` (not copied).

import type { KubeObject } from '../../kube/types.ts';
import { R } from '../resources.ts';
import { ageColumn, ageOf, nameColumn, nameOf, type Printer } from './printers/common.ts';
import { configMapPrinter, namespacePrinter, nodePrinter, serviceAccountPrinter } from './printers/cluster.ts';
import { eventPrinter } from './printers/events.ts';
import { endpointSlicePrinter, endpointsPrinter, servicePrinter } from './printers/network.ts';
import { podPrinter } from './printers/pods.ts';
import { pvcPrinter, pvPrinter, storageClassPrinter } from './printers/storage.ts';
import { controllerRevisionPrinter, statefulSetPrinter } from './printers/workloads.ts';

export interface TableOptions {
  now: number;
  /** TableOptions.noHeaders: leave out columnDefinitions. */
  noHeaders?: boolean;
  /** TableOptions.includeObject: what each row's `object` carries; the default is Metadata. */
  includeObject?: 'None' | 'Metadata' | 'Object';
}

const PRINTERS: Record<string, Printer> = {
  [R.pods]: podPrinter,
  [R.statefulsets]: statefulSetPrinter,
  [R.controllerRevisions]: controllerRevisionPrinter,
  [R.services]: servicePrinter,
  [R.endpoints]: endpointsPrinter,
  [R.endpointSlices]: endpointSlicePrinter,
  [R.pvcs]: pvcPrinter,
  [R.pvs]: pvPrinter,
  [R.storageClasses]: storageClassPrinter,
  [R.events]: eventPrinter,
  [R.namespaces]: namespacePrinter,
  [R.nodes]: nodePrinter,
  [R.serviceAccounts]: serviceAccountPrinter,
  [R.configMaps]: configMapPrinter,
};

// For a resource without a printer: what kubectl shows for a custom resource with no extra
// printer columns.
const genericPrinter: Printer = {
  columns: [nameColumn, ageColumn],
  print: (obj, now) => ({ cells: [nameOf(obj), ageOf(obj, now)] }),
};

function rowObject(obj: KubeObject, include: TableOptions['includeObject']): KubeObject | undefined {
  switch (include ?? 'Metadata') {
    case 'None': return undefined;
    case 'Object': return obj;
    default: return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: obj.metadata };
  }
}

/**
 * The Table for `items` of the resource with store key `resourceKey` (see R). metadata is left
 * empty for the caller to fill (resourceVersion, continue); columnDefinitions are omitted when
 * opts.noHeaders is set.
 */
export function toTable(resourceKey: string, items: KubeObject[], opts: TableOptions): KubeObject {
  const printer = PRINTERS[resourceKey] ?? genericPrinter;
  const rows = items.map((obj) => {
    const printed = printer.print(obj, opts.now);
    const object = rowObject(obj, opts.includeObject);
    return {
      cells: printed.cells,
      ...(printed.conditions ? { conditions: printed.conditions } : {}),
      ...(object ? { object } : {}),
    };
  });
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: {},
    ...(opts.noHeaders ? {} : { columnDefinitions: printer.columns.map((c) => ({ ...c })) }),
    rows,
  };
}
