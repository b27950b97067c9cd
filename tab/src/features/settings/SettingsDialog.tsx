import { useEffect, useMemo, useState, type FormEvent } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Spinner,
  Switch,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { DismissRegular } from '@fluentui/react-icons';
import { alertKindLabels, alertKinds, type UserSettings } from '@hub/contracts';
import { useApp } from '../../app-context';
import { useFormDialogStyles } from '../../shared/form-dialog-styles';
import { ApiRequestError, describeError } from '../../api/api-error';
import { browserTimeZone, formFromSettings, timeZoneNames, validateSettings, WEEKDAYS, type SettingsErrors, type SettingsFormValues } from './settings-form';

const useStyles = makeStyles({
  days: { display: 'flex', flexWrap: 'wrap', gap: `0 ${tokens.spacingHorizontalS}` },
  alerts: { display: 'flex', flexDirection: 'column' },
  row: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: tokens.spacingHorizontalM },
});

/** The bot's settings for this user, in the tab: morning summary time, days and time zone; which alerts to send. */
export default function SettingsDialog({ onClose }: { onClose: () => void }) {
  const styles = { ...useFormDialogStyles(), ...useStyles() };
  const { api } = useApp();
  const [loaded, setLoaded] = useState<UserSettings | null>(null);
  const [values, setValues] = useState<SettingsFormValues | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<SettingsErrors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const zones = useMemo(timeZoneNames, []);
  const suggested = useMemo(browserTimeZone, []);

  useEffect(() => {
    let live = true;
    api.settings().then(
      (s) => {
        if (!live) return;
        setLoaded(s);
        setValues(formFromSettings(s, suggested));
      },
      (err: unknown) => live && setLoadError(describeError(err)),
    );
    return () => {
      live = false;
    };
  }, [api, suggested]);

  const update = (change: Partial<SettingsFormValues>, field?: keyof SettingsErrors) => {
    setValues((v) => (v ? { ...v, ...change } : v));
    setSaved(false);
    if (field) setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!values) return;
    setGeneral(null);
    const checked = validateSettings(values);
    if ('errors' in checked) {
      setErrors(checked.errors);
      return;
    }
    setSaving(true);
    try {
      const s = await api.updateSettings(checked.change);
      setLoaded(s);
      setValues(formFromSettings(s, suggested));
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiRequestError && err.details.length > 0) {
        const fields: SettingsErrors = {};
        const other: string[] = [];
        for (const d of err.details) {
          const top = d.path.split('.')[0] as keyof SettingsErrors;
          if (['summaryTime', 'summaryDays', 'timeZone'].includes(top)) fields[top] = fields[top] ?? d.message;
          else other.push(d.path ? `${d.path}: ${d.message}` : d.message);
        }
        setErrors(fields);
        setGeneral([err.message, ...other].join(' '));
      } else setGeneral(describeError(err));
    } finally {
      setSaving(false);
    }
  };

  const zoneHint = loaded && !loaded.timeZoneChosen
    ? `Suggested from this browser${loaded.timeZone !== suggested ? ` (the bot uses ${loaded.timeZone} until you save)` : ''}.`
    : 'The summary is sent at this time in this zone, daylight saving included.';

  return (
    <Dialog open modalType="modal" onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface className={styles.surface}>
        <form onSubmit={(e) => void submit(e)} noValidate aria-label="Settings">
          <DialogBody>
            <DialogTitle action={<Button appearance="subtle" aria-label="Close" icon={<DismissRegular />} onClick={onClose} />}>Settings</DialogTitle>
            <DialogContent className={styles.content}>
              <Text>When the bot sends you the morning summary in Teams, and which cards it sends.</Text>
              {loadError && (
                <MessageBar intent="error">
                  <MessageBarBody>The settings could not be loaded. {loadError}</MessageBarBody>
                </MessageBar>
              )}
              {general && (
                <MessageBar intent="error">
                  <MessageBarBody>{general}</MessageBarBody>
                </MessageBar>
              )}
              {!values && !loadError && <Spinner size="small" label="Loading settings…" />}
              {values && (
                <>
                  <div className={styles.row}>
                    <Field label="Morning summary at" hint="24-hour time, e.g. 08:00" validationMessage={errors.summaryTime}>
                      <Input type="time" value={values.summaryTime} onChange={(_, d) => update({ summaryTime: d.value }, 'summaryTime')} />
                    </Field>
                    <Field label="Time zone" hint={zoneHint} validationMessage={errors.timeZone}>
                      <Input list="hub-time-zones" value={values.timeZone} onChange={(_, d) => update({ timeZone: d.value }, 'timeZone')} autoComplete="off" spellCheck={false} />
                    </Field>
                    <datalist id="hub-time-zones">
                      {zones.map((z) => (
                        <option key={z} value={z} />
                      ))}
                    </datalist>
                  </div>
                  <fieldset className={styles.fieldset} aria-describedby={errors.summaryDays ? 'summary-days-error' : undefined}>
                    <legend className={styles.legend}>Summary days</legend>
                    <div className={styles.days}>
                      {WEEKDAYS.map(([day, label]) => (
                        <Checkbox
                          key={day}
                          label={label}
                          checked={values.summaryDays.includes(day)}
                          onChange={(_, d) =>
                            update({ summaryDays: d.checked === true ? [...values.summaryDays, day] : values.summaryDays.filter((x) => x !== day) }, 'summaryDays')
                          }
                        />
                      ))}
                    </div>
                    {errors.summaryDays && (
                      <Text id="summary-days-error" role="alert" className={styles.error}>
                        {errors.summaryDays}
                      </Text>
                    )}
                  </fieldset>
                  <fieldset className={styles.fieldset}>
                    <legend className={styles.legend}>Cards the bot sends</legend>
                    <div className={styles.alerts}>
                      {alertKinds.map((k) => (
                        <Switch key={k} label={alertKindLabels[k]} checked={values.alerts[k]} onChange={(_, d) => update({ alerts: { ...values.alerts, [k]: d.checked } })} />
                      ))}
                    </div>
                  </fieldset>
                </>
              )}
              <div aria-live="polite">
                {saved && (
                  <MessageBar intent="success">
                    <MessageBarBody>Settings saved.</MessageBarBody>
                  </MessageBar>
                )}
              </div>
            </DialogContent>
            <DialogActions>
              <Button onClick={onClose}>Close</Button>
              <Button appearance="primary" type="submit" disabled={!values || saving}>
                {saving ? 'Saving…' : 'Save'}
              </Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
