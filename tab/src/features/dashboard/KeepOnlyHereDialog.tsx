import { useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, MessageBar, MessageBarBody } from '@fluentui/react-components';
import type { DashboardRow } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';

/**
 * Row menu "Keep only under this client": removes the company's other rows (under other clients) after confirmation.
 * Refresh all does not add them back; the Clients window shows them again on request.
 */
export function KeepOnlyHereDialog({ row, onClose }: { row: DashboardRow; onClose: (note: string | null) => void }) {
  const { api } = useApp();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = row.sameCompany?.others ?? [];
  const where = others.map((o) => `“${o.clientName}”`).join(', ');
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.removeCompanies(others.map((o) => o.companyId));
      onClose(`${row.companyName} is shown under “${row.clientName}” only.`);
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };
  return (
    <Dialog open modalType="alert" onOpenChange={(_, d) => !d.open && onClose(null)}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Keep {row.companyName} only under “{row.clientName}”?</DialogTitle>
          <DialogContent>
            It is removed from {where}. Totals already count it once; Refresh all will not add it back there, and you can show it there again
            by editing that client in the Clients window. Nothing changes in Business Central.
            {error && (
              <MessageBar intent="error">
                <MessageBarBody>{error}</MessageBarBody>
              </MessageBar>
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => onClose(null)}>Cancel</Button>
            <Button appearance="primary" disabled={busy} onClick={() => void remove()}>
              {busy ? 'Removing…' : `Remove from ${others.length === 1 ? others[0]?.clientName : `${others.length} clients`}`}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
