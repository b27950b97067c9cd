import { useState, type KeyboardEvent } from 'react';
import { Button, Menu, MenuItem, MenuList, MenuPopover, MenuTrigger, Spinner } from '@fluentui/react-components';
import { ArrowClockwiseRegular, DocumentTableArrowRightRegular, MoreHorizontalRegular, OpenRegular, PanelRightRegular, CheckboxCheckedRegular } from '@fluentui/react-icons';
import type { DashboardRow } from '@hub/contracts';

export interface RowActions {
  openDetails: (row: DashboardRow) => void;
  refresh: (row: DashboardRow) => void;
  openBusinessCentral: (row: DashboardRow) => void;
  selectMore: (row: DashboardRow) => void;
  reports: (row: DashboardRow) => void;
}

interface Props {
  row: DashboardRow;
  actions: RowActions;
  tabIndex: number;
  busy: boolean;
}

/**
 * The row's ellipsis menu. Until it is first opened, only its button is rendered, with what the menu trigger gives
 * it (aria-haspopup; opens on click, Enter, Space or ArrowDown): a Fluent Menu in every visible row was about half the
 * render time of the grid's rows. Opening it mounts the Menu, open, in its place; it then stays.
 */
export function RowMenu({ row, actions, tabIndex, busy }: Props) {
  const [open, setOpen] = useState<boolean | null>(null);
  const button = (extra: object) => (
    <Button
      data-widget
      tabIndex={tabIndex}
      appearance="subtle"
      size="small"
      icon={busy ? <Spinner size="extra-tiny" /> : <MoreHorizontalRegular />}
      aria-label={`More actions for ${row.companyName}`}
      {...extra}
    />
  );

  if (open === null) {
    return button({
      'aria-haspopup': 'menu',
      onClick: () => setOpen(true),
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowDown') setOpen(true);
      },
    });
  }
  return (
    <Menu open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>{button({})}</MenuTrigger>
      <MenuPopover>
        <MenuList>
          <MenuItem icon={<ArrowClockwiseRegular />} disabled={busy} onClick={() => actions.refresh(row)}>
            Refresh
          </MenuItem>
          <MenuItem icon={<PanelRightRegular />} onClick={() => actions.openDetails(row)}>
            Company details
          </MenuItem>
          <MenuItem icon={<DocumentTableArrowRightRegular />} onClick={() => actions.reports(row)}>
            Reports…
          </MenuItem>
          <MenuItem icon={<OpenRegular />} onClick={() => actions.openBusinessCentral(row)}>
            Go to client&apos;s Business Central
          </MenuItem>
          <MenuItem icon={<CheckboxCheckedRegular />} onClick={() => actions.selectMore(row)}>
            Select more clients
          </MenuItem>
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
