import { Button, MenuItem, MenuList, MenuPopover, Persona, Subtitle1, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ChevronDownRegular, PeopleRegular, SettingsRegular, SignOutRegular } from '@fluentui/react-icons';
import { useApp } from '../../app-context';
import { LazyMenu } from '../../shared/LazyMenu';
import { InvitationsButton } from '../invitations/InvitationsButton';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0 },
  spacer: { flex: '1 1 auto' },
});

interface Props {
  onRefreshAll: () => void;
  refreshAllDisabled: boolean;
  onManageClients: () => void;
  onSettings: () => void;
}

/** Title, the Client Summary menu, the Clients window and who is signed in. */
export function AppHeader({ onRefreshAll, refreshAllDisabled, onManageClients, onSettings }: Props) {
  const styles = useStyles();
  const { me, signOut } = useApp();
  return (
    <header className={styles.header}>
      <Subtitle1 as="h1" className={styles.title}>
        Client dashboard
      </Subtitle1>
      <LazyMenu
        trigger={
          <Button appearance="subtle" icon={<ChevronDownRegular />} iconPosition="after">
            Client Summary
          </Button>
        }
      >
        <MenuPopover>
          <MenuList>
            <MenuItem icon={<ArrowClockwiseRegular />} disabled={refreshAllDisabled} onClick={onRefreshAll}>
              Refresh all
            </MenuItem>
            <MenuItem icon={<PeopleRegular />} onClick={onManageClients}>
              Manage clients…
            </MenuItem>
          </MenuList>
        </MenuPopover>
      </LazyMenu>
      <Button icon={<PeopleRegular />} onClick={onManageClients}>
        Clients
      </Button>
      <Button icon={<SettingsRegular />} onClick={onSettings}>
        Settings
      </Button>
      <InvitationsButton />
      <span className={styles.spacer} />
      <Persona name={me.name ?? 'Signed in'} secondaryText={me.devIdentity ? 'Local demo identity' : undefined} size="small" avatar={{ color: 'colorful' }} />
      {signOut && <Button appearance="subtle" icon={<SignOutRegular />} aria-label="Sign out" title="Sign out" onClick={signOut} />}
    </header>
  );
}
