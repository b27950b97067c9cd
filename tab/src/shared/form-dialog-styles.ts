import { makeStyles, tokens } from '@fluentui/react-components';

/** The look shared by the tab's form dialogs (Reports, Settings): width, scrolling body, grouped fields, errors. */
export const useFormDialogStyles = makeStyles({
  surface: { width: 'min(560px, 96vw)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxHeight: '70vh', overflowY: 'auto' },
  fieldset: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalM, margin: 0 },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
  error: { color: tokens.colorPaletteRedForeground1 },
});
