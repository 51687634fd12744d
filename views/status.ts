// Question status in words with an icon: never colour alone (WCAG 1.4.1).
import type { QuestionStatus } from '../server/db/schema/index.ts';
import { html, type SafeHtml } from './html.ts';

export const STATUS_LABELS: Record<QuestionStatus, string> = {
  open: 'Open',
  due_soon: 'Termijn verloopt binnenkort',
  delayed: 'Uitgesteld',
  overdue: 'Te laat',
  answered: 'Beantwoord',
  answered_late: 'Te laat beantwoord',
  withdrawn: 'Ingetrokken',
};

const ICONS: Record<QuestionStatus, string> = {
  open: '○',
  due_soon: '◔',
  delayed: '⏸',
  overdue: '⚠',
  answered: '✓',
  answered_late: '✓',
  withdrawn: '✕',
};

export function statusBadge(status: QuestionStatus): SafeHtml {
  return html`<span class="status status--${status}"><span aria-hidden="true">${ICONS[status]}</span> ${STATUS_LABELS[status]}</span>`;
}
