import { useState, type ReactNode } from 'react';
import { AcceptInvitationPage } from './AcceptInvitationPage';
import { clearPendingInvitation, pendingInvitation } from './pending-invitation';

/** After sign-in: an invitation link the user followed is shown first; then the dashboard. */
export function InvitationGate({ children }: { children: ReactNode }) {
  const [token, setToken] = useState<string | null>(() => pendingInvitation());
  if (token === null) return <>{children}</>;
  return (
    <AcceptInvitationPage
      token={token}
      onDone={() => {
        clearPendingInvitation();
        setToken(null);
      }}
    />
  );
}
