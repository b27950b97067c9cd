import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MenuDivider,
  MenuGroup,
  MenuGroupHeader,
  MenuItem,
  MenuItemRadio,
  MenuList,
  MenuPopover,
} from '@fluentui/react-components';
import { EyeRegular } from '@fluentui/react-icons';
import type { SavedView } from '@hub/contracts';
import { describeError } from '../../api/api-error';
import { LazyMenu } from '../../shared/LazyMenu';

interface Props {
  views: SavedView[];
  currentId: string | null;
  modified: boolean;
  onApply: (view: SavedView | null) => void;
  onSaveAs: (name: string) => Promise<void>;
  onUpdate: () => Promise<void>;
  onDelete: () => Promise<void>;
  onError: (message: string) => void;
}

/** Pick, save, update or delete a saved view (columns, sort, search and filters). */
export function ViewsMenu({ views, currentId, modified, onApply, onSaveAs, onUpdate, onDelete, onError }: Props) {
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [nameError, setNameError] = useState<string | null>(null);
  const current = views.find((v) => v.id === currentId) ?? null;
  const label = current ? `View: ${current.name}${modified ? ' (changed)' : ''}` : modified ? 'View: unsaved' : 'View: default';

  const save = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setNameError('Give the view a name.');
    if (trimmed.length > 80) return setNameError('Use at most 80 characters.');
    setBusy(true);
    try {
      await onSaveAs(trimmed);
      setSaving(false);
    } catch (err) {
      setNameError(describeError(err));
    } finally {
      setBusy(false);
    }
  };
  const run = (fn: () => Promise<void>) => () => void fn().catch((err: unknown) => onError(describeError(err)));

  return (
    <>
      <LazyMenu checkedValues={{ view: [currentId ?? 'default'] }} trigger={<Button icon={<EyeRegular />}>{label}</Button>}>
        <MenuPopover>
          <MenuList>
            <MenuGroup>
              <MenuGroupHeader>Saved views</MenuGroupHeader>
              <MenuItemRadio name="view" value="default" onClick={() => onApply(null)}>
                Default
              </MenuItemRadio>
              {views.map((v) => (
                <MenuItemRadio key={v.id} name="view" value={v.id} onClick={() => onApply(v)}>
                  {v.name}
                </MenuItemRadio>
              ))}
            </MenuGroup>
            <MenuDivider />
            <MenuItem
              onClick={() => {
                setName(current ? `${current.name} (copy)` : '');
                setNameError(null);
                setSaving(true);
              }}
            >
              Save view as…
            </MenuItem>
            {current && (
              <MenuItem disabled={!modified} onClick={run(onUpdate)}>
                Update “{current.name}”
              </MenuItem>
            )}
            {current && <MenuItem onClick={run(onDelete)}>Delete “{current.name}”</MenuItem>}
          </MenuList>
        </MenuPopover>
      </LazyMenu>
      <Dialog open={saving} onOpenChange={(_, d) => setSaving(d.open)}>
        <DialogSurface>
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void save();
            }}
          >
            <DialogBody>
              <DialogTitle>Save view</DialogTitle>
              <DialogContent>
                <Field label="View name" required validationMessage={nameError ?? undefined}>
                  <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={80} />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setSaving(false)}>
                  Cancel
                </Button>
                <Button appearance="primary" type="submit" disabled={busy}>
                  Save
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </>
  );
}
