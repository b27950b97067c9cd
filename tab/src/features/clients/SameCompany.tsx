import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, MessageBarTitle, Radio, RadioGroup, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { SameCompanyWarning } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';

const useStyles = makeStyles({
  choice: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hint: { color: tokens.colorNeutralForeground2 },
});

const names = (list: readonly string[]) => {
  const unique = [...new Set(list)].map((n) => `“${n}”`);
  return unique.length <= 1 ? unique.join('') : `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]}`;
};

/** What the server said about companies already on the dashboard under another client (Test Client URL, an answer). */
export function SameCompanyNotice({ warnings }: { warnings: readonly SameCompanyWarning[] | undefined }) {
  if (!warnings?.length) return null;
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="same-company-notice">
      <MessageBarBody>
        <MessageBarTitle>Already on your dashboard</MessageBarTitle>
        {warnings.map((w) => w.message).join(' ')}
      </MessageBarBody>
    </MessageBar>
  );
}

type Choice = 'both' | 'existing' | 'this' | 'cancel';

interface Props {
  warning: SameCompanyWarning;
  /** The client just saved (or added by accepting an invitation). */
  client: { id: string; name: string; companyCount: number };
  /** Offer to undo adding the client (a client just created in the Clients window). */
  canCancel: boolean;
  /** After the choice is carried out: what happened, in words. */
  onDone: (note: string) => void;
}

/**
 * Keep both, or keep one: the client was saved and some of its companies are already on the dashboard under another
 * client. Nothing is removed until the accountant picks an option and presses Apply; a removed company can be shown
 * again from the Clients window, and Refresh all does not bring it back by itself.
 */
export function KeepOneChoice({ warning, client, canCancel, onDone }: Props) {
  const styles = useStyles();
  const { api } = useApp();
  const [choice, setChoice] = useState<Choice>('both');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const dups = warning.duplicates;
  const others = names(dups.map((d) => d.existing.clientName));
  const companies = [...new Set(dups.map((d) => d.companyName))];
  const what = companies.length === 1 ? companies[0] : `${companies.length} companies`;
  const it = companies.length === 1 ? 'it' : 'them';

  const apply = async () => {
    setBusy(true);
    setError(null);
    try {
      if (choice === 'existing') {
        await api.removeCompanies([...new Set(dups.flatMap((d) => (d.companyId ? [d.companyId] : [])))]);
        onDone(`${what} ${companies.length === 1 ? 'stays' : 'stay'} under ${others} only; removed from “${client.name}”.`);
      } else if (choice === 'this') {
        await api.removeCompanies([...new Set(dups.map((d) => d.existing.companyId))]);
        onDone(`${what} ${companies.length === 1 ? 'is' : 'are'} shown under “${client.name}” only; removed from ${others}.`);
      } else if (choice === 'cancel') {
        await api.deleteClient(client.id);
        onDone(`“${client.name}” was not added.`);
      } else {
        onDone(`“${client.name}” was saved. ${what} ${companies.length === 1 ? 'is' : 'are'} shown under both clients and counted once.`);
      }
    } catch (err) {
      setError(describeError(err));
      setBusy(false);
    }
  };

  return (
    <section className={styles.choice} aria-label="Company already on your dashboard" data-testid="keep-one-choice">
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>“{client.name}” was saved: choose what to keep</MessageBarTitle>
          {warning.message}
        </MessageBarBody>
      </MessageBar>
      <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value as Choice)} aria-label="What to keep">
        <Radio value="both" label={`Keep both: show ${it} under both clients, counted once in totals, summaries and alerts`} />
        <Radio value="existing" label={`Keep ${it} only under ${others}: remove ${it} from “${client.name}”`} />
        <Radio value="this" label={`Keep ${it} only under “${client.name}”: remove ${it} from ${others}`} />
        {canCancel && <Radio value="cancel" label={`Cancel: do not add “${client.name}” (delete it again, with its ${client.companyCount === 1 ? 'company' : `${client.companyCount} companies`})`} />}
      </RadioGroup>
      {(choice === 'existing' || choice === 'this') && (
        <Text className={styles.hint}>
          Refresh all will not add {it} back there. To show {it} there again, edit that client in the Clients window. Nothing changes in Business Central.
        </Text>
      )}
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button appearance="primary" disabled={busy} onClick={() => void apply()}>
          {busy ? 'Applying…' : 'Apply'}
        </Button>
      </div>
    </section>
  );
}
