import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
  Spinner,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { AddRegular, DismissRegular } from '@fluentui/react-icons';
import type { Client } from '@hub/contracts';
import { useApp } from '../../app-context';
import { describeError } from '../../api/api-error';
import { ClientForm } from './ClientForm';
import { ClientList } from './ClientList';

const useStyles = makeStyles({
  surface: { width: 'min(960px, 96vw)', maxWidth: '96vw' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '70vh', overflowY: 'auto' },
  toolbar: { display: 'flex', justifyContent: 'space-between', alignItems: 'center' },
});

type Mode = { kind: 'list' } | { kind: 'edit'; client: Client | null };

interface Props {
  startWith: 'list' | 'new';
  onClose: (changed: boolean) => void;
}

/** The Clients window: list, New, Edit, Delete (confirmed), Test Client URL. */
export default function ClientsDialog({ startWith, onClose }: Props) {
  const styles = useStyles();
  const { api } = useApp();
  const [clients, setClients] = useState<Client[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [mode, setMode] = useState<Mode>(startWith === 'new' ? { kind: 'edit', client: null } : { kind: 'list' });
  const [confirm, setConfirm] = useState<Client | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = useRef(false);

  const load = useCallback(async () => {
    try {
      setClients(await api.clients());
      setLoadError(null);
    } catch (err) {
      setLoadError(describeError(err));
    }
  }, [api]);
  useEffect(() => {
    void load();
  }, [load]);

  const close = () => onClose(changed.current);

  const remove = async () => {
    if (!confirm) return;
    setDeleting(true);
    setDeleteError(null);
    try {
      await api.deleteClient(confirm.id);
      changed.current = true;
      setNotice(`${confirm.name} was deleted.`);
      setConfirm(null);
      await load();
    } catch (err) {
      setDeleteError(describeError(err));
    } finally {
      setDeleting(false);
    }
  };

  const title = mode.kind === 'list' ? 'Clients' : mode.client ? `Edit ${mode.client.name}` : 'New client';
  return (
    <>
      <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && close()}>
        <DialogSurface className={styles.surface}>
          <DialogBody>
            <DialogTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={close} />}>{title}</DialogTitle>
            <DialogContent className={styles.content}>
              {mode.kind === 'list' ? (
                <>
                  <div className={styles.toolbar}>
                    <Button
                      appearance="primary"
                      icon={<AddRegular />}
                      onClick={() => {
                        setNotice(null);
                        setMode({ kind: 'edit', client: null });
                      }}
                    >
                      New client
                    </Button>
                  </div>
                  {notice && (
                    <MessageBar intent="success">
                      <MessageBarBody>{notice}</MessageBarBody>
                    </MessageBar>
                  )}
                  {loadError && (
                    <MessageBar intent="error">
                      <MessageBarBody>The clients could not be loaded. {loadError}</MessageBarBody>
                    </MessageBar>
                  )}
                  {!clients && !loadError && <Spinner label="Loading clients…" />}
                  {clients && (
                    <ClientList
                      clients={clients}
                      onEdit={(c) => {
                        setNotice(null);
                        setMode({ kind: 'edit', client: c });
                      }}
                      onDelete={(c) => {
                        setDeleteError(null);
                        setConfirm(c);
                      }}
                    />
                  )}
                </>
              ) : (
                <ClientForm
                  client={mode.client}
                  onCancel={() => setMode({ kind: 'list' })}
                  onChanged={() => {
                    changed.current = true;
                  }}
                  onSaved={(c, note) => {
                    changed.current = true;
                    setNotice(note ?? (mode.client ? `${c.name} was saved.` : `${c.name} was added with ${c.companies.length} ${c.companies.length === 1 ? 'company' : 'companies'}.`));
                    setMode({ kind: 'list' });
                    void load();
                  }}
                />
              )}
            </DialogContent>
            {mode.kind === 'list' && (
              <DialogActions>
                <Button onClick={close}>Close</Button>
              </DialogActions>
            )}
          </DialogBody>
        </DialogSurface>
      </Dialog>
      <Dialog open={confirm !== null} modalType="alert" onOpenChange={(_, d) => !d.open && setConfirm(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Delete {confirm?.name}?</DialogTitle>
            <DialogContent>
              Its {confirm?.companies.length ?? 0} {confirm?.companies.length === 1 ? 'company leaves' : 'companies leave'} the dashboard. Nothing changes in the
              client&apos;s Business Central.
              {deleteError && (
                <MessageBar intent="error">
                  <MessageBarBody>{deleteError}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button onClick={() => setConfirm(null)}>Cancel</Button>
              <Button appearance="primary" disabled={deleting} onClick={() => void remove()}>
                {deleting ? 'Deleting…' : 'Delete'}
              </Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </>
  );
}
