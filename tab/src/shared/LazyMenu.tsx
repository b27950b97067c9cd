import { cloneElement, useState, type KeyboardEvent, type ReactElement } from 'react';
import { Menu, MenuTrigger, type MenuProps } from '@fluentui/react-components';

interface Props extends Omit<Partial<MenuProps>, 'open' | 'onOpenChange' | 'children'> {
  /** The trigger button. */
  trigger: ReactElement<{ onClick?: unknown; onKeyDown?: unknown }>;
  /** The MenuPopover. */
  children: ReactElement;
}

/**
 * A Fluent Menu that is mounted when first opened. Until then only its trigger is rendered, with what MenuTrigger
 * gives it while closed (aria-haspopup; opens on click, Enter, Space or ArrowDown), so the page's first render does not
 * set up a Menu (its trigger, positioning and focus hooks) for each menu button (one per visible grid row). Opening
 * mounts the Menu, open, in its place, which then stays: focus moves into the menu and back to the trigger as usual.
 */
export function LazyMenu({ trigger, children, ...menuProps }: Props) {
  const [open, setOpen] = useState<boolean | null>(null);
  if (open === null) {
    return cloneElement(trigger, {
      'aria-haspopup': 'menu',
      onClick: () => setOpen(true),
      onKeyDown: (e: KeyboardEvent) => {
        if (e.key === 'ArrowDown') setOpen(true);
      },
    } as object);
  }
  return (
    <Menu {...menuProps} open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>{trigger}</MenuTrigger>
      {children}
    </Menu>
  );
}
