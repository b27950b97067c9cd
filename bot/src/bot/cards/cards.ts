import helpJson from './templates/help.json';
import listJson from './templates/list.json';
import messageJson from './templates/message.json';
import settingsJson from './templates/settings.json';
import { cardTemplate, type CardJson, type CardText, type ExecuteButton, type OpenButton } from './render';

export interface Fact {
  title: CardText;
  value: CardText;
}

/** One clickable line: a document, an account, a company. */
export interface ListLine {
  /** Plain text, or md`…` for the hub's own formatting. */
  label: CardText;
  when: CardText;
  amount: CardText;
  url: string;
  tooltip: string;
}

/** A block of lines, usually one company. */
export interface ListSection {
  name: CardText;
  showName: boolean;
  meta?: CardText;
  status?: CardText;
  lines: ListLine[];
  more?: CardText;
  bcUrl?: string;
}

/** Lists of documents, accounts, taxes or companies, with totals per currency. */
export interface ListCardData {
  title: CardText;
  subtitle: CardText;
  note?: CardText;
  facts: Fact[];
  sections: ListSection[];
  empty?: CardText;
  totalsTitle: CardText;
  totals: Fact[];
  footer: CardText;
  execute: ExecuteButton[];
  open: OpenButton[];
}

/** A short answer: a title, text, optional facts, choices (one per line) and buttons. */
export interface MessageCardData {
  title: CardText;
  paragraphs: CardText[];
  facts: Fact[];
  choices: ExecuteButton[];
  hint?: CardText;
  execute: ExecuteButton[];
  open: OpenButton[];
}

/** Help and welcome: example questions the user can click to ask. */
export interface HelpCardData {
  title: CardText;
  intro: CardText[];
  groups: { heading: CardText; examples: { text: string; does: string }[] }[];
  footer: CardText;
  open: OpenButton[];
}

export interface SettingsCardData {
  title: CardText;
  changed?: CardText;
  facts: Fact[];
  alerts: { label: CardText; state: string; color: 'Good' | 'Attention'; toggle: string; verb: string; data: Record<string, unknown> }[];
  examples: string[];
}

export const renderListCard: (d: ListCardData) => CardJson = cardTemplate<ListCardData>(listJson);
export const renderMessageCard: (d: MessageCardData) => CardJson = cardTemplate<MessageCardData>(messageJson);
export const renderHelpCard: (d: HelpCardData) => CardJson = cardTemplate<HelpCardData>(helpJson);
export const renderSettingsCard: (d: SettingsCardData) => CardJson = cardTemplate<SettingsCardData>(settingsJson);
