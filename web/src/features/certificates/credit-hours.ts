// How credit hours are written for people ("0.75", "1,5" in French), wherever the app shows them: small, because
// the session page writes them too.
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

/** "0.75", "1.5", "12": credit hours as certificates print them, in the page's locale (never over two decimals). */
export function formatHours(hours: number, locale: string = formatLocale): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(hours);
}

/** "0.75 h": a session's credit hours as its badge says them. */
export function creditHoursLabel(hours: number): string {
  return m.certificates_credit_hours({ hours: formatHours(hours) });
}
