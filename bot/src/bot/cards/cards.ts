import helpJson from './templates/help.json';
import listJson from './templates/list.json';
import messageJson from './templates/message.json';
import settingsJson from './templates/settings.json';
import { cardTemplate, type CardJson, type ExecuteButton, type OpenButton } from './render';

export interface Fact {
  title: string;
  value: string;
}

/** One clickable line: a document, an account, a company. */
export interface ListLine {
  /** Markdown; names already escaped. */
  label: string;
  when: string;
  amount: string;
  url: string;
  tooltip: string;
}

/** A block of lines, usually one company. */
export interface ListSection {
  name: string;
  showName: boolean;
  meta?: string;
  status?: string;
  lines: ListLine[];
  more?: string;
  bcUrl?: string;
}

/** Lists of documents, accounts, taxes or companies, with totals per currency. */
export interface ListCardData {
  title: string;
  subtitle: string;
  note?: string;
  facts: Fact[];
  sections: ListSection[];
  empty?: string;
  totalsTitle: string;
  totals: Fact[];
  footer: string;
  execute: ExecuteButton[];
  open: OpenButton[];
}

/** A short answer: a title, text, optional facts, choices (one per line) and buttons. */
export interface MessageCardData {
  title: string;
  paragraphs: string[];
  facts: Fact[];
  choices: ExecuteButton[];
  hint?: string;
  execute: ExecuteButton[];
  open: OpenButton[];
}

/** Help and welcome: example questions the user can click to ask. */
export interface HelpCardData {
  title: string;
  intro: string[];
  groups: { heading: string; examples: { text: string; does: string }[] }[];
  footer: string;
  open: OpenButton[];
}

export interface SettingsCardData {
  title: string;
  changed?: string;
  facts: Fact[];
  alerts: { label: string; state: string; color: 'Good' | 'Attention'; toggle: string; verb: string; data: Record<string, unknown> }[];
  examples: string[];
}

export const renderListCard: (d: ListCardData) => CardJson = cardTemplate<ListCardData>(listJson);
export const renderMessageCard: (d: MessageCardData) => CardJson = cardTemplate<MessageCardData>(messageJson);
export const renderHelpCard: (d: HelpCardData) => CardJson = cardTemplate<HelpCardData>(helpJson);
export const renderSettingsCard: (d: SettingsCardData) => CardJson = cardTemplate<SettingsCardData>(settingsJson);
