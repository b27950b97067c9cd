import { Body1, Button, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { AddRegular, BuildingMultipleRegular } from '@fluentui/react-icons';

const useStyles = makeStyles({
  root: { flex: '1 1 auto', display: 'flex', flexDirection: 'column', alignItems: 'center', justifyContent: 'center', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXXL, textAlign: 'center' },
  icon: { fontSize: '48px', color: tokens.colorBrandForeground1 },
});

/** No client yet: one clear next step. */
export function EmptyState({ onAdd }: { onAdd: () => void }) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="empty-title">
      <BuildingMultipleRegular className={styles.icon} aria-hidden />
      <Subtitle2 as="h2" id="empty-title">
        No clients yet
      </Subtitle2>
      <Body1>Add a client with the address of their Business Central, and their companies appear here.</Body1>
      <Button appearance="primary" icon={<AddRegular />} onClick={onAdd}>
        Add your first client
      </Button>
    </section>
  );
}
