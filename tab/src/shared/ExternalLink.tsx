import type { ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { useApp } from '../app-context';
import { openExternal } from './open-link';

/** A real link to Business Central: a new window in a browser, Teams' own openLink inside Teams. */
export function ExternalLink({ href, children, label }: { href: string; children: ReactNode; label?: string }) {
  const { teams } = useApp();
  return (
    <Link
      href={href}
      target="_blank"
      rel="noopener noreferrer"
      aria-label={label}
      onClick={(e) => {
        if (!teams) return;
        e.preventDefault();
        void openExternal(href, teams);
      }}
    >
      {children}
    </Link>
  );
}
