'use client';

// The StatefulSet: READY like `kubectl get sts`, how it creates pods (policy) and rolls them
// (strategy, partition), the current and update revisions, and `kubectl rollout status`.

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { RevisionText, strategyText } from '../revision-text.tsx';
import { setLook } from '../status-tone.ts';
import { CardFrame, CardTitle, Fact, StatusPill } from './card-parts.tsx';
import type { StatefulSetFlowNode } from './flow-types.ts';

function StatefulSetNodeView({ data, selected }: NodeProps<StatefulSetFlowNode>) {
  const { sts } = data;
  const look = setLook(sts);
  return (
    <CardFrame look={look} kindLabel={sts.deleting ? 'StatefulSet · being deleted' : 'StatefulSet'} selected={selected} fillsNode sideHandle="source">
      <CardTitle>{sts.name}</CardTitle>
      <div className="mt-1"><StatusPill look={look} text={`READY ${sts.ready}`} /></div>
      <div className="mt-2 space-y-0.5">
        <Fact label="policy">{sts.podManagementPolicy}</Fact>
        <Fact label="strategy">{strategyText(sts)}</Fact>
        <Fact label="revision"><RevisionText sts={sts} /></Fact>
      </div>
      <p className="mt-2 text-sm font-medium">{sts.rolloutStatus}</p>
    </CardFrame>
  );
}

export const StatefulSetNode = memo(StatefulSetNodeView);
