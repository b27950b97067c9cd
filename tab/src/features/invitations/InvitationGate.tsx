import { lazy, Suspense, useState, type ReactNode } from 'react';
import { LoadingScreen } from '../../auth/SignInCard';
import { clearPendingInvitation, pendingInvitation } from './pending-invitation';

// Loaded only when an invitation link was followed, not at every start of the dashboard.
const AcceptInvitationPage = lazy(() => import('./AcceptInvitationPage').then((m) => ({ default: m.AcceptInvitationPage })));

/** After sign-in: an invitation link the user followed is shown first; then the dashboard. */
export function InvitationGate({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => pendingInvitation());
  if (token === null) return <>{children}</>;
  return (
    <Suspense fallback={<LoadingScreen label="Loading the invitation…" />}>
      <AcceptInvitationPage
        token={token}
        onDone={() => {
          clearPendingInvitation();
          setToken(null);
        }}
      />
    </Suspense>
  );
}
