// How credit hours are written for people ("0.75", "1,5" in French): small, because the agenda (in the first
// page's bundle) writes them too.
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';

const hoursFormat = new Intl.NumberFormat(formatLocale, { maximumFractionDigits: 2 });

/** "0.75": credit hours in the page's locale (quarter hours, so never more than two decimals). */
export function formatHours(hours: number): string {
  return hoursFormat.format(hours);
}

/** "0.75 h": a session's credit hours as its badge says them. */
export function creditHoursLabel(hours: number): string {
  return m.certificates_credit_hours({ hours: formatHours(hours) });
}
