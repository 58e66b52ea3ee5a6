// The numbers behind the organisers' registration charts: stacked shares per status and per mode,
// bars per institution against its quota, and the seats held against capacity. The charts draw these;
// the tables beside them print the same numbers, which is what assistive technology reads.
import type { Institution, RegistrationCounts } from '@apoc/shared';
import type { AttendanceMode, RegistrationStatus } from '@apoc/shared/domain';
import { formatLocale } from '../../lib/language';
import { m } from '../../paraglide/messages.js';
import { MODE_LABELS, STATUS_LABELS } from './registration-state';

/** Seat holders first, then those waiting, then the cancelled. Each colour at least 3:1 on white. */
export const STATUS_ORDER: RegistrationStatus[] = ['confirmed', 'offered', 'pending', 'waitlisted', 'cancelled'];

export const STATUS_COLOURS: Record<RegistrationStatus, string> = {
  confirmed: '#0b6b66',
  offered: '#14958b',
  pending: '#b54708',
  waitlisted: '#0b4f8a',
  cancelled: '#7b8ca0',
};

export const MODE_COLOURS: Record<AttendanceMode, string> = { in_person: '#0b3a66', virtual: '#14958b' };

export interface Segment<K extends string> {
  key: K;
  label: string;
  count: number;
  colour: string;
  /** Of the total, 0–1. */
  share: number;
  /** Where the segment starts in the stacked bar, 0–1. */
  offset: number;
}

export interface Stack<K extends string> {
  total: number;
  segments: Segment<K>[];
}

export function stack<K extends string>(entries: { key: K; label: string; count: number; colour: string }[]): Stack<K> {
  const total = entries.reduce((sum, entry) => sum + entry.count, 0);
  let offset = 0;
  const segments = entries.map((entry) => {
    const share = total === 0 ? 0 : entry.count / total;
    const segment = { ...entry, share, offset };
    offset += share;
    return segment;
  });
  return { total, segments };
}

export function statusStack(counts: Pick<RegistrationCounts, 'byStatus'>): Stack<RegistrationStatus> {
  return stack(
    STATUS_ORDER.map((status) => ({
      key: status,
      label: STATUS_LABELS[status],
      count: counts.byStatus[status] ?? 0,
      colour: STATUS_COLOURS[status],
    })),
  );
}

/** Registrations still standing (not cancelled) per attendance mode. */
export function modeStack(counts: Pick<RegistrationCounts, 'byMode'>, modes: AttendanceMode[]): Stack<AttendanceMode> {
  return stack(
    modes.map((mode) => ({
      key: mode,
      label: MODE_LABELS[mode],
      count: counts.byMode[mode] ?? 0,
      colour: MODE_COLOURS[mode],
    })),
  );
}

export interface InstitutionBar {
  id: string;
  name: string;
  count: number;
  quota: number | null;
  /** The bar's length and the quota mark's place, 0–1 of the longest. */
  share: number;
  quotaShare: number | null;
}

/**
 * In-person seats held per institution, largest first, with each institution's quota: every institution
 * that holds a seat or has a quota, and the guests (people without an institution) when they hold seats.
 */
export function institutionBars(
  byInstitution: Record<string, number>,
  institutions: readonly Pick<Institution, 'id' | 'name' | 'shortName'>[],
  quotas: Record<string, number> | null,
): InstitutionBar[] {
  const names = new Map(institutions.map((institution) => [institution.id, institution.shortName || institution.name]));
  const ids = new Set([
    ...Object.keys(byInstitution).filter((id) => (byInstitution[id] ?? 0) > 0),
    ...Object.keys(quotas ?? {}).filter((id) => (quotas?.[id] ?? 0) > 0),
  ]);
  const rows = [...ids].map((id) => ({
    id,
    name: id === 'guests' ? m.registration_chart_guests() : (names.get(id) ?? id),
    count: byInstitution[id] ?? 0,
    quota: quotas?.[id] ?? null,
  }));
  const longest = Math.max(1, ...rows.map((row) => Math.max(row.count, row.quota ?? 0)));
  const collator = new Intl.Collator(formatLocale, { sensitivity: 'base' });
  return rows
    .map((row) => ({ ...row, share: row.count / longest, quotaShare: row.quota === null ? null : row.quota / longest }))
    .sort(
      (a, b) =>
        b.count - a.count || (a.id === 'guests' ? 1 : b.id === 'guests' ? -1 : collator.compare(a.name, b.name)),
    );
}

export interface SeatUse {
  mode: AttendanceMode;
  held: number;
  capacity: number | null;
  /** Seats left, null without a limit. */
  free: number | null;
  /** Held of capacity, 0–1; null without a limit. */
  share: number | null;
}

export function seatUse(counts: Pick<RegistrationCounts, 'seats'>, modes: AttendanceMode[]): SeatUse[] {
  return modes.map((mode) => {
    const held = mode === 'in_person' ? counts.seats.inPersonHeld : counts.seats.virtualHeld;
    const capacity = mode === 'in_person' ? counts.seats.inPerson : counts.seats.virtual;
    return {
      mode,
      held,
      capacity,
      free: capacity === null ? null : Math.max(0, capacity - held),
      share: capacity === null ? null : capacity === 0 ? 1 : Math.min(1, held / capacity),
    };
  });
}

/** "42 %" in the page's locale, whole percents. */
export function percent(share: number, locale: string = formatLocale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}
