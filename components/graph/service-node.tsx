'use client';

// The governing Service named by spec.serviceName: headless or not (only a headless Service
// gives each pod a DNS name), its ports, and the problems a learner should fix.

import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ServiceInfo } from '../../lib/topology/types.ts';
import type { Look } from '../status-tone.ts';
import { GLYPH } from '../status-tone.ts';
import { CardFrame, CardTitle, Fact, StatusPill, WarningList } from './card-parts.tsx';
import type { ServiceFlowNode } from './flow-types.ts';

function serviceLook(s: ServiceInfo): Look {
  if (!s.exists) return { tone: 'bad', glyph: GLYPH.bad };
  if (s.warnings.length > 0) return { tone: 'warn', glyph: GLYPH.warn };
  return { tone: 'ok', glyph: GLYPH.ok };
}

function kindText(s: ServiceInfo): string {
  if (!s.exists) return 'Missing';
  return s.headless ? 'Headless (clusterIP: None)' : `ClusterIP ${s.clusterIP ?? ''}`.trim();
}

function ServiceNodeView({ data, selected }: NodeProps<ServiceFlowNode>) {
  const { service } = data;
  const look = serviceLook(service);
  return (
    <CardFrame look={look} kindLabel={service.exists ? 'Service' : 'Service · does not exist'} selected={selected} fillsNode sideHandle="target">
      <CardTitle>{service.name}</CardTitle>
      <div className="mt-1"><StatusPill look={look} text={kindText(service)} /></div>
      {service.exists && (
        <div className="mt-2 space-y-0.5">
          <Fact label="ports">{service.ports.length === 0 ? 'none' : service.ports.map(portText).join(', ')}</Fact>
          <Fact label="DNS"><span className="break-all font-mono">{service.dnsName}</span></Fact>
        </div>
      )}
      <WarningList warnings={service.warnings} />
    </CardFrame>
  );
}

function portText(p: ServiceInfo['ports'][number]): string {
  const name = p.name ? `${p.name} ` : '';
  const target = p.targetPort !== null && String(p.targetPort) !== String(p.port) ? `→${p.targetPort}` : '';
  return `${name}${p.port}${target}/${p.protocol}`;
}

export const ServiceNode = memo(ServiceNodeView);
