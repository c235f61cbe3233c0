'use client';

// The dashboard of one StatefulSet. Component tree:
//   Dashboard
//   ├─ AppHeader (Pickers, "Read-only" badge, ConnectionIndicator, ThemeToggle)
//   ├─ SummaryStrip                        READY, revisions, rollout status
//   ├─ ControlsPanel (region "Controls")   scale, delete all, restart, image, partition; absent when read-only
//   ├─ main: TopologyGraph (+ ReplayCaption) | StreamPlaceholder
//   ├─ aside: ExplanationsPanel (first: what is happening and why), DnsPanel (region "DNS lookup";
//   │         a pod card's DNS name opens it), DetailPanel (selected node; loaded on first selection)
//   ├─ TimelinePanel (region "Timeline")   list | swimlanes, Replay, ordering verdict
//   └─ the confirmation dialog, while one is open
// Contract: render it with `key={namespace/name}` so switching sets starts from a clean stream.

import dynamic from 'next/dynamic';
import { useCallback, useMemo, useState } from 'react';
import type { Topology } from '../lib/topology/types.ts';
import { AppHeader } from './app-header.tsx';
import { ControlsPanel } from './controls/controls-panel.tsx';
import { useDashboardActions } from './controls/use-dashboard-actions.ts';
import { clockTime } from './format.ts';
import { DnsPanel } from './dns/dns-panel.tsx';
import { type DnsRequest, shortDnsName } from './dns/dns-view.ts';
import { ExplanationsPanel } from './explanations-panel.tsx';
import { TopologyGraph } from './graph/topology-graph.tsx';
import { StreamPlaceholder } from './stream-placeholder.tsx';
import { SummaryStrip } from './summary-strip.tsx';
import { useTheme } from './theme-store.ts';
import type { ReplaySpeed } from './timeline/replay.ts';
import { replayNodeId } from './timeline/replay.ts';
import { ReplayCaption } from './timeline/replay-caption.tsx';
import { TimelinePanel } from './timeline/timeline-panel.tsx';
import { useReplay } from './timeline/use-replay.ts';
import { useTopologyStream } from './use-topology-stream.ts';

const NO_NOTICES: readonly string[] = [];

// Loaded when a node is first selected, not with the page: node-detail.ts brings the YAML library
// (about 30 kB of the page's gzipped JavaScript, issue 8). Renders nothing while loading and
// nothing when the selected node is gone.
const SelectedDetail = dynamic(async () => {
  const [{ DetailPanel }, { nodeDetail }] = await Promise.all([import('./detail-panel.tsx'), import('./node-detail.ts')]);
  return function SelectedDetail({ topology, id, onClose }: { topology: Topology; id: string; onClose: () => void }) {
    const detail = useMemo(() => nodeDetail(topology, id), [topology, id]);
    return detail && <DetailPanel detail={detail} onClose={onClose} />;
  };
}, { ssr: false });

export function Dashboard({ namespace, name }: { namespace: string; name: string }) {
  const stream = useTopologyStream(namespace, name);
  const theme = useTheme();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const onSelect = useCallback((id: string | null) => setSelectedId(id), []);
  // A pod card's DNS name opens the DNS lookup for `web-0.nginx`, as a pod in this namespace types it.
  const [dnsRequest, setDnsRequest] = useState<DnsRequest | null>(null);
  const onDnsLookup = useCallback((_podId: string, dnsName: string) => {
    setDnsRequest((prev) => ({ name: shortDnsName(dnsName), from: namespace, seq: (prev?.seq ?? 0) + 1 }));
  }, [namespace]);
  const { topology, connection } = stream;
  const actions = useDashboardActions(namespace, topology?.statefulSet ?? null, onDnsLookup);
  const [speed, setSpeed] = useState<ReplaySpeed>(1);
  const replay = useReplay(speed);
  const replayStep = replay.state ? replay.state.steps[replay.state.index] : null;
  const highlightId = replayStep ? replayNodeId(replayStep, namespace) : null;
  const onCloseDetail = useCallback(() => setSelectedId(null), []);
  const notices = stream.server?.notices ?? NO_NOTICES;
  const outOfDate = topology !== null && connection.state !== 'live';
  const podCount = useMemo(() => topology?.pods.filter((p) => !p.placeholder).length ?? 0, [topology]);
  const desired = topology?.statefulSet.replicas.desired;
  const ordinalsStart = topology?.statefulSet.ordinalsStart;
  const verdictSet = useMemo(() => (desired === undefined ? undefined : { replicas: desired, ordinalsStart }), [desired, ordinalsStart]);

  return (
    // One screen at projector sizes; on short screens the page scrolls rather than squeezing the graph.
    <div className="flex h-screen flex-col overflow-y-auto">
      <AppHeader namespace={namespace} name={name} connection={connection} readOnly={actions.readOnly} />
      {topology && <SummaryStrip sts={topology.statefulSet} />}
      {topology && actions.canAct && (
        <ControlsPanel
          namespace={namespace} sts={topology.statefulSet} podCount={podCount} maxReplicas={actions.maxReplicas}
          runner={actions.runner} askFirst={actions.askFirst} onAskFirstChange={actions.setAskFirst}
        />
      )}
      {actions.session.status === 'failed' && (
        <p role="alert" className="border-b-2 border-red-700 bg-red-50 px-4 py-1 text-base font-semibold text-red-950 dark:border-red-400 dark:bg-red-950 dark:text-red-50">
          Controls are unavailable: {actions.session.message}
        </p>
      )}
      <div className="flex min-h-[380px] flex-1 flex-col lg:flex-row">
        <main aria-label="Topology" className="relative flex min-h-[50vh] min-w-0 flex-1 flex-col lg:min-h-0">
          {outOfDate && <OutOfDateBanner since={connection.since} detail={connection.detail} />}
          {topology ? (
            <div className={`min-h-0 flex-1 ${outOfDate ? 'opacity-70' : ''}`}>
              <TopologyGraph
                topology={topology} selectedId={selectedId} highlightId={highlightId} onSelect={onSelect}
                actions={actions.nodeActions} colorMode={theme}
              />
            </div>
          ) : (
            <StreamPlaceholder namespace={namespace} name={name} gone={stream.gone} connection={connection} />
          )}
          {replay.state && <ReplayCaption state={replay.state} clockOffset={stream.clockOffset} />}
        </main>
        <aside aria-label="Explanations and details" className="max-h-[40vh] shrink-0 space-y-6 overflow-y-auto border-t-2 border-slate-300 bg-white p-4 dark:border-slate-700 dark:bg-slate-900 lg:max-h-none lg:w-[420px] lg:border-l-2 lg:border-t-0">
          {topology && <ExplanationsPanel topology={topology} notices={notices} />}
          <DnsPanel namespace={namespace} request={dnsRequest} />
          {topology && selectedId && <SelectedDetail topology={topology} id={selectedId} onClose={onCloseDetail} />}
        </aside>
      </div>
      <TimelinePanel
        timeline={stream.timeline} clockOffset={stream.clockOffset} policy={topology?.statefulSet.podManagementPolicy ?? 'OrderedReady'} set={verdictSet}
        replay={replay} speed={speed} onSpeedChange={setSpeed}
      />
      {actions.dialog}
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
