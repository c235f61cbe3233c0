'use client';

// The dashboard of one StatefulSet. Component tree:
//   Dashboard
//   ├─ AppHeader (Pickers, ConnectionIndicator, ThemeToggle)
//   ├─ SummaryStrip                        READY, revisions, rollout status
//   ├─ main: TopologyGraph | StreamPlaceholder
//   ├─ aside: DetailPanel (selected node), ExplanationsPanel (explanations, warnings)
//   └─ ControlsTimelineSlot                region for the next issue's controls and timeline
// Contract: render it with `key={namespace/name}` so switching sets starts from a clean stream.

import { useCallback, useMemo, useState } from 'react';
import { AppHeader } from './app-header.tsx';
import { clockTime } from './format.ts';
import { ControlsTimelineSlot } from './controls-timeline-slot.tsx';
import { DetailPanel } from './detail-panel.tsx';
import { ExplanationsPanel } from './explanations-panel.tsx';
import { TopologyGraph } from './graph/topology-graph.tsx';
import { nodeDetail } from './node-detail.ts';
import { StreamPlaceholder } from './stream-placeholder.tsx';
import { SummaryStrip } from './summary-strip.tsx';
import { useTheme } from './theme-store.ts';
import { useTopologyStream } from './use-topology-stream.ts';

const NO_NOTICES: readonly string[] = [];

export function Dashboard({ namespace, name }: { namespace: string; name: string }) {
  const stream = useTopologyStream(namespace, name);
  const theme = useTheme();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const onSelect = useCallback((id: string | null) => setSelectedId(id), []);
  // Until the DNS lookup panel exists, activating a DNS name selects its pod.
  const onDnsLookup = useCallback((podId: string) => setSelectedId(podId), []);
  const { topology, connection } = stream;
  const detail = useMemo(() => (topology && selectedId ? nodeDetail(topology, selectedId) : null), [topology, selectedId]);
  const notices = stream.server?.notices ?? NO_NOTICES;
  const outOfDate = topology !== null && connection.state !== 'live';

  return (
    <div className="flex h-screen flex-col">
      <AppHeader namespace={namespace} name={name} connection={connection} />
      {topology && <SummaryStrip sts={topology.statefulSet} />}
      <div className="flex min-h-0 flex-1 flex-col lg:flex-row">
        <main aria-label="Topology" className="flex min-h-[50vh] min-w-0 flex-1 flex-col">
          {outOfDate && <OutOfDateBanner since={connection.since} detail={connection.detail} />}
          {topology ? (
            <div className={`min-h-0 flex-1 ${outOfDate ? 'opacity-70' : ''}`}>
              <TopologyGraph topology={topology} selectedId={selectedId} onSelect={onSelect} onDnsLookup={onDnsLookup} colorMode={theme} />
            </div>
          ) : (
            <StreamPlaceholder namespace={namespace} name={name} gone={stream.gone} connection={connection} />
          )}
        </main>
        <aside aria-label="Details and explanations" className="max-h-[50vh] shrink-0 space-y-6 overflow-y-auto border-t-2 border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900 lg:max-h-none lg:w-[400px] lg:border-l-2 lg:border-t-0">
          {detail && <DetailPanel detail={detail} onClose={() => setSelectedId(null)} />}
          {topology && <ExplanationsPanel topology={topology} notices={notices} />}
        </aside>
      </div>
      <ControlsTimelineSlot timeline={stream.timeline} clockOffset={stream.clockOffset} />
    </div>
  );
}

function OutOfDateBanner({ since, detail }: { since: number | null; detail: string | null }) {
  return (
    <p className="border-b-2 border-red-700 bg-red-50 px-4 py-1 text-base font-bold text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50">
      <span aria-hidden="true">⚠ </span>
      Not live: this may be out of date{since !== null ? ` since ${clockTime(since)}` : ''}.
      {detail && <span className="font-normal"> ({detail})</span>}
    </p>
  );
}
