import { renderHelpCard, renderMessageCard, type MessageCardData } from '../cards/cards';
import { md, type CardJson, type CardText, type ExecuteButton } from '../cards/render';
import type { NameCandidate } from '../matching/name-match';
import { dashboardButton, SHOW_VERB } from './common';
import type { ViewKind, ViewRef } from './scope';

const message = (d: Partial<MessageCardData> & { title: CardText }): CardJson =>
  renderMessageCard({ paragraphs: [], facts: [], choices: [], execute: [], open: [], ...d });

const EXAMPLES = [
  { heading: 'Ask about a client', examples: [
    { text: 'overdue invoices Contoso', does: 'overdue sales invoices, oldest first' },
    { text: 'overdue bills Fabrikam', does: 'overdue purchase invoices' },
    { text: 'what does Contoso owe', does: 'its bills, overdue and due this week, and its tax estimate' },
    { text: 'cash for Adventure Works', does: 'cash and bank balances, 13-week forecast low' },
  ] },
  { heading: 'Across all your clients', examples: [
    { text: 'summary', does: 'who needs attention, cash per company' },
    { text: 'taxes due this month', does: 'tax estimates by due date' },
    { text: 'refresh Contoso', does: 'read the latest figures from Business Central' },
  ] },
  { heading: 'Your settings', examples: [
    { text: 'settings', does: 'morning summary time and alerts' },
    { text: 'send my summary at 7:30', does: 'change the morning summary time' },
    { text: 'turn off tax alerts', does: 'switch an alert kind off (or on)' },
  ] },
];
const HELP_FOOTER = 'Names are matched forgivingly: “contoso”, “Contoso Ltd.” and “Contso” all find Contoso Ltd. Click an example to ask it.';

export function helpCard(dashboardUrl: string | null): CardJson {
  return renderHelpCard({ title: 'What you can ask me', intro: [], groups: EXAMPLES, footer: HELP_FOOTER, open: dashboardButton(dashboardUrl) });
}

export function welcomeCard(name: string | null, dashboardUrl: string | null): CardJson {
  return renderHelpCard({
    title: `Welcome to Accountant Hub${name ? `, ${name.split(' ')[0]}` : ''}!`,
    intro: [
      'I answer questions about your clients’ books in Business Central, and each morning I can send you a summary, with alerts when invoices become overdue and before taxes are due.',
      'Add clients in the dashboard tab (Clients → New, paste the client’s Business Central URL). Then ask me, for example:',
    ],
    groups: EXAMPLES.slice(0, 2), footer: 'Type “help” at any time, or “settings” to choose your summary time and alerts.', open: dashboardButton(dashboardUrl),
  });
}

export function noClientsCard(dashboardUrl: string | null): CardJson {
  return message({
    title: 'You have no clients yet',
    paragraphs: [
      'Once you add clients, I can tell you about their overdue invoices, bills, cash and taxes.',
      md`Open the dashboard, choose **Clients → New**, and paste the client’s Business Central URL (for example https://businesscentral.dynamics.com/${'<tenant>'}/production). **Test Client URL** checks that it works.`,
      'When a client invites you, accepting the invitation adds them too.',
    ],
    open: dashboardButton(dashboardUrl),
  });
}

const KIND_NOUN: Record<ViewKind, string> = {
  summary: 'the summary', 'overdue-invoices': 'overdue invoices', 'overdue-bills': 'overdue bills', owes: 'what they owe', cash: 'cash', taxes: 'taxes',
};

export function choiceButton(c: NameCandidate, view: Omit<ViewRef, 'scope'>, parentName?: string): ExecuteButton {
  return {
    title: c.kind === 'company' && parentName && parentName !== c.name ? `${c.name} (${parentName})` : c.name,
    verb: SHOW_VERB, data: { view: { ...view, scope: { type: c.kind, id: c.id } } },
  };
}

export function chooseCard(question: string, choices: ExecuteButton[], hint: string): CardJson {
  return message({ title: question, choices, hint });
}

export function notFoundCard(typed: string, kind: ViewKind, suggestion: ExecuteButton | null, dashboardUrl: string | null): CardJson {
  return message({
    title: `I couldn't find “${typed}”`,
    paragraphs: [suggestion ? md`None of your clients or companies is called that. Did you mean **${suggestion.title}**?` : 'None of your clients or companies is called anything like that.'],
    choices: suggestion ? [{ ...suggestion, title: `Show ${KIND_NOUN[kind]} for ${suggestion.title}` }] : [],
    hint: 'Type “my clients” to see the names I know.',
    open: dashboardButton(dashboardUrl),
  });
}

export function notUnderstoodCard(text: string): CardJson {
  return message({
    title: 'Sorry, I didn’t get that',
    paragraphs: [`I don't know how to answer “${text.length > 80 ? `${text.slice(0, 80)}…` : text}” yet. Try “summary”, “overdue invoices Contoso” or “help”.`],
    execute: [{ title: 'Summary', verb: SHOW_VERB, data: { view: { kind: 'summary', scope: { type: 'all' } } } }],
  });
}

export function errorCard(correlationId: string): CardJson {
  return message({
    title: 'Something went wrong',
    paragraphs: ['Sorry, I couldn’t answer that just now. Please try again in a moment.', `If it keeps happening, give your administrator this reference: ${correlationId}`],
  });
}

export function textCard(title: CardText, paragraphs: CardText[], dashboardUrl: string | null = null): CardJson {
  return message({ title, paragraphs, open: dashboardButton(dashboardUrl) });
}

export function clientsCard(clients: { name: string; companies: { name: string }[] }[], dashboardUrl: string | null): CardJson {
  const shown = clients.slice(0, 30);
  return message({
    title: `Your clients (${clients.length})`,
    paragraphs: shown.map((c): CardText => md`**${c.name}**${c.companies.length > 1 || c.companies[0]?.name !== c.name ? `: ${c.companies.map((co) => co.name).join(', ') || 'no companies yet'}` : ''}`)
      .concat(clients.length > shown.length ? [`and ${clients.length - shown.length} more`] : []),
    open: dashboardButton(dashboardUrl),
  });
}
