import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { STREAM_BOOT_SCRIPT } from '../components/stream-boot.ts';
import { THEME_BOOT_SCRIPT } from '../components/theme-boot.ts';
import './globals.css';

export const metadata: Metadata = {
  title: 'sts-topology',
  description: 'A live view of one Kubernetes StatefulSet: ordinals, stable DNS names, storage.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The boot script sets the theme class before hydration, hence suppressHydrationWarning.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_BOOT_SCRIPT }} />
        {/* On a set's page, opens its watch stream while the bundle loads (components/stream-boot.ts). */}
        <script dangerouslySetInnerHTML={{ __html: STREAM_BOOT_SCRIPT }} />
      </head>
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">{children}</body>
    </html>
  );
}
