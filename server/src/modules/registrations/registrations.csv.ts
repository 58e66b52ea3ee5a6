// Registrations as a spreadsheet for the organisers: one line per registration, formula cells neutralised.
import type { RegistrationRow } from '@apoc/shared';
import { spreadsheetCsv } from '../../spreadsheet';

export function registrationsCsv(rows: readonly RegistrationRow[]): string {
  return spreadsheetCsv(
    [
      'name',
      'email',
      'institution',
      'mode',
      'status',
      'waitlist position',
      'dietary needs',
      'accessibility needs',
      'note',
      'checked in at',
      'registered at',
    ],
    rows.map((r) => [
      r.name,
      r.email,
      r.institutionId ?? '',
      r.mode,
      r.status,
      r.waitlistPosition ? String(r.waitlistPosition) : '',
      r.dietaryNeeds,
      r.accessibilityNeeds,
      r.note,
      r.checkedInAt ?? '',
      r.createdAt,
    ]),
  );
}
