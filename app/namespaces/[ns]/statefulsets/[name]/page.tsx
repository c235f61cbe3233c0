// The dashboard of one StatefulSet (deep link). Thin: validates the names, the rest happens in
// the browser over the watch stream.

import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Dashboard } from '../../../../../components/dashboard.tsx';
import { isDNS1123Label, isDNS1123Subdomain } from '../../../../../lib/kube/names.ts';

interface Params {
  ns: string;
  name: string;
}

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

async function validParams(params: Promise<Params>): Promise<Params> {
  const { ns, name } = await params;
  const namespace = decoded(ns);
  const set = decoded(name);
  if (!isDNS1123Label(namespace) || !isDNS1123Subdomain(set)) notFound();
  return { ns: namespace, name: set };
}

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const { ns, name } = await validParams(params);
  return { title: `${name} · ${ns} · sts-topology` };
}

export default async function StatefulSetPage({ params }: { params: Promise<Params> }) {
  const { ns, name } = await validParams(params);
  return <Dashboard key={`${ns}/${name}`} namespace={ns} name={name} />;
}
