import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Client, SameCompanyWarning } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';
import { SameCompanyNotice } from './SameCompany';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  note: { color: tokens.colorNeutralForeground2 },
});

/** Companies removed from this client (kept under another), each with "Show here again". */
export function RemovedCompanies({ client, onChanged }: { client: Client; onChanged?: (() => void) | undefined }) {
  const styles = useStyles();
  const { api } = useApp();
  const [removed, setRemoved] = useState(client.removedCompanies ?? []);
  const [busy, setBusy] = useState<string | null>(null);
  const [done, setDone] = useState<{ name: string; warnings: SameCompanyWarning[] | undefined } | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (removed.length === 0 && !done) return null;

  const restore = async (bcCompanyId: string, name: string) => {
    setBusy(bcCompanyId);
    setError(null);
    try {
      const saved = await api.restoreCompany(client.id, bcCompanyId);
      setRemoved(saved.removedCompanies ?? []);
      setDone({ name, warnings: saved.warnings });
      onChanged?.();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className={styles.box} aria-label="Companies removed from this client">
      {removed.length > 0 && (
        <>
          <Text weight="semibold">Removed from this client</Text>
          <Text className={styles.note}>Shown under another client instead; Refresh all does not add them here.</Text>
          <ul className={styles.list}>
            {removed.map((c) => (
              <li key={c.bcCompanyId} className={styles.item}>
                <span>{c.name}</span>
                <Button size="small" disabled={busy !== null} onClick={() => void restore(c.bcCompanyId, c.name)} aria-label={`Show ${c.name} under this client again`}>
                  {busy === c.bcCompanyId ? 'Showing…' : 'Show here again'}
                </Button>
              </li>
            ))}
          </ul>
        </>
      )}
      {done && (
        <MessageBar intent="success">
          <MessageBarBody>{done.name} is shown under this client again; its figures come with the next refresh.</MessageBarBody>
        </MessageBar>
      )}
      {done && <SameCompanyNotice warnings={done.warnings} />}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </section>
  );
}
