// Starts every controller of the embedded cluster against one store, sharing one event recorder.

import type { Clock } from '../clock.ts';
import type { Store } from '../store/store.ts';
import type { Speed } from './controller-kit.ts';
import { newEventRecorder } from './events.ts';
import { startEndpointSliceController } from './endpointslice.ts';
import { startGarbageCollector } from './garbage-collector.ts';
import { startKubelet } from './kubelet.ts';
import { startNamespaceController } from './namespace.ts';
import { startStatefulSetController } from './statefulset.ts';
import { startStorageController } from './storage.ts';

export type { Speed };

export interface ControllerOptions {
  clock: Clock;
  /** Pace of the simulated kubelet: N divides every delay; 'instant' makes them zero. */
  speed: Speed;
  /** Simulated nodes sim-node-1..N (default 3), 110 pods each as on a kind node. */
  nodes?: number;
}

export function startControllers(store: Store, opts: ControllerOptions): { stop(): void } {
  const { clock, speed } = opts;
  const recorder = newEventRecorder(store, clock);
  const running: Array<{ stop(): void }> = [
    startNamespaceController(store, { clock }),
    startGarbageCollector(store, { clock }),
    startStorageController(store, { clock, speed, recorder }),
    startEndpointSliceController(store, { clock }),
    startKubelet(store, { clock, speed, recorder, nodes: opts.nodes }),
    startStatefulSetController(store, { clock, recorder }),
  ];
  return { stop: () => running.reverse().forEach((c) => c.stop()) };
}
