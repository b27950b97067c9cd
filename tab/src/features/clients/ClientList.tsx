import { Button, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DeleteRegular, EditRegular } from '@fluentui/react-icons';
import type { Client } from '@hub/contracts';

const useStyles = makeStyles({
  url: { maxWidth: '280px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', display: 'block' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalXS, justifyContent: 'flex-end' },
  muted: { color: tokens.colorNeutralForeground3 },
});

export function ClientList({ clients, onEdit, onDelete }: { clients: Client[]; onEdit: (c: Client) => void; onDelete: (c: Client) => void }) {
  const styles = useStyles();
  if (clients.length === 0) return <Text className={styles.muted}>No clients yet. Add one with New client.</Text>;
  return (
    <Table size="small" aria-label="Clients">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Client</TableHeaderCell>
          <TableHeaderCell>Contact</TableHeaderCell>
          <TableHeaderCell>Client URL</TableHeaderCell>
          <TableHeaderCell>Companies</TableHeaderCell>
          <TableHeaderCell>
            <span style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>Actions</span>
          </TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {clients.map((c) => (
          <TableRow key={c.id}>
            <TableCell>{c.name}</TableCell>
            <TableCell>{[c.contactName, c.email].filter(Boolean).join(' · ') || <span className={styles.muted}>—</span>}</TableCell>
            <TableCell>
              <span className={styles.url} title={c.clientUrl}>
                {c.clientUrl}
              </span>
            </TableCell>
            <TableCell>{c.companies.length}</TableCell>
            <TableCell>
              <div className={styles.actions}>
                <Button size="small" icon={<EditRegular />} onClick={() => onEdit(c)} aria-label={`Edit ${c.name}`}>
                  Edit
                </Button>
                <Button size="small" icon={<DeleteRegular />} onClick={() => onDelete(c)} aria-label={`Delete ${c.name}`}>
                  Delete
                </Button>
              </div>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
