// How much each scenario does in the quick run (`npm run bench`, under 5 minutes on a 2-core
// machine) and in the full run (`npm run bench -- --full`).

import type { ClusterOptions } from './scenario-cluster.ts';
import type { FanoutOptions } from './scenario-fanout.ts';
import type { LargeOptions } from './scenario-large.ts';
import type { LatencyOptions } from './scenario-latency.ts';

export const SCENARIOS = ['latency', 'fanout', 'large', 'cluster'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

export interface Plan {
  latency: LatencyOptions;
  fanout: FanoutOptions;
  large: LargeOptions;
  cluster: ClusterOptions;
}

const LEVELS = [1, 10, 100, 250];

// The large set's navigations: each one's time swings by ±20 % on a shared 2-core machine (the
// browser, the dashboard server and the cluster share both cores), so the median needs more than
// three of them to say something about the build rather than about the moment.

export const PLANS: Record<'quick' | 'full', Plan> = {
  quick: {
    latency: { changes: 300, ratePerSec: 20, replicas: 10 },
    fanout: { levels: LEVELS, stormMs: 8_000, ratePerSec: 100, replicas: 20, slowReaderMs: 10_000 },
    large: { replicas: 1000, loads: 5, stormMs: 8_000, ratePerSec: 200, setupBudgetMs: 75_000 },
    cluster: { replicas: 1000, runs: 1, listPods: 1000, requests: 30, watchers: 50, watchEvents: 1000, budgetMs: 75_000 },
  },
  full: {
    latency: { changes: 1200, ratePerSec: 20, replicas: 10 },
    fanout: { levels: LEVELS, stormMs: 20_000, ratePerSec: 100, replicas: 20, slowReaderMs: 30_000 },
    large: { replicas: 1000, loads: 9, stormMs: 20_000, ratePerSec: 200, setupBudgetMs: 600_000 },
    cluster: { replicas: 1000, runs: 3, listPods: 1000, requests: 200, watchers: 50, watchEvents: 5000, budgetMs: 1_200_000 },
  },
};
