// What the graph area shows before there is a topology: connecting, or the set is gone.

import type { ConnectionView } from './connection-view.ts';

export function StreamPlaceholder(props: { namespace: string; name: string; gone: string | null; connection: ConnectionView }) {
  if (props.gone !== null) {
    return (
      <div role="alert" className="m-6 max-w-2xl space-y-2 rounded-lg border-2 border-slate-500 p-4 text-lg">
        <p className="font-bold">StatefulSet {props.name} does not exist in namespace {props.namespace}.</p>
        {!props.gone.includes('does not exist') && <p>{props.gone}</p>}
        <p className="text-base">The page updates by itself when it is created again, for example with <code className="font-mono">kubectl apply -f statefulset.yaml</code>.</p>
      </div>
    );
  }
  return (
    <div className="m-6 text-lg" aria-busy="true">
      <p className="font-semibold">{props.connection.state === 'connecting' ? 'Connecting…' : props.connection.text}</p>
      {props.connection.detail && <p className="text-base">{props.connection.detail}</p>}
    </div>
  );
}
