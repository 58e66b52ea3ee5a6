// The summit form's values as text fields hold them, and their translation to the API: dates and times
// are typed in the summit's own zone and become instants only here, with zonedInstant (DST-safe).
import type { CreateSummit, SummitDetail, SummitTranslations, UpdateSummit } from '@apoc/shared';
import { LANGUAGES, type Language, type SummitFormat } from '@apoc/shared/domain';
import { remainingErrors } from '../../lib/form-errors';
import { m } from '../../paraglide/messages.js';
import { addDays, dayBounds, isIsoDate, isValidTimeZone, localDate, localTime, zonedInstant } from '@apoc/shared/time';

const FORMAT_LABELS: Record<SummitFormat, () => string> = {
  in_person: () => m.organise_format_in_person(),
  virtual: () => m.organise_format_virtual(),
  hybrid: () => m.organise_format_hybrid(),
};

/** A summit's format in the page's language: "In person", "Virtual", "Hybrid". */
export const summitFormatLabel = (format: SummitFormat): string => FORMAT_LABELS[format]();

export interface SummitFormValues {
  title: string;
  edition: string;
  format: SummitFormat;
  timeZone: string;
  startDate: string;
  endDate: string;
  description: string;
  venueName: string;
  venueAddress: string;
  venueCity: string;
  hostInstitutionId: string;
  seatsInPerson: string;
  seatsVirtual: string;
  /** "YYYY-MM-DDTHH:mm" in the summit's zone, as <input type="datetime-local"> holds it; '' for the default. */
  registrationOpens: string;
  registrationCloses: string;
  requiresApproval: boolean;
  /** The title and description in other languages, as typed: '' is none (the original shows). */
  translations: FormTranslations;
}

/** One language's texts, as the fields hold them. */
export interface TranslationFields {
  title: string;
  description: string;
}

/** Every language's, so that saving (which replaces the translations whole) keeps those the form does not show. */
export type FormTranslations = Record<Language, TranslationFields>;

export type SummitFormErrors = Partial<Record<keyof SummitFormValues, string>>;

export function emptySummitForm(timeZone: string, today: string): SummitFormValues {
  return {
    title: '',
    edition: '',
    format: 'in_person',
    timeZone,
    startDate: addDays(today, 90),
    endDate: addDays(today, 91),
    description: '',
    venueName: '',
    venueAddress: '',
    venueCity: '',
    hostInstitutionId: '',
    seatsInPerson: '',
    seatsVirtual: '',
    registrationOpens: '',
    registrationCloses: '',
    requiresApproval: false,
    translations: formTranslations({}),
  };
}

/**
 * The languages a summit is translated into: all but English, which summits are written in. English shows too
 * when the summit has an English text (given through the API for a summit written in another language), so that
 * nothing saved is out of sight.
 */
export function translatedLanguages(...forms: Pick<SummitFormValues, 'translations'>[]): Language[] {
  const others = LANGUAGES.filter((language) => language !== 'en');
  return forms.some((form) => translationStatus(form.translations.en) !== 'missing') ? [...others, 'en'] : others;
}

function formTranslations(given: SummitTranslations): FormTranslations {
  return Object.fromEntries(
    LANGUAGES.map((language) => [
      language,
      { title: given[language]?.title ?? '', description: given[language]?.description ?? '' },
    ]),
  ) as FormTranslations;
}

export type TranslationStatus = 'complete' | 'title' | 'description' | 'missing';

/** How far one language is translated: both texts, the title only, the description only, or neither. */
export function translationStatus(fields: TranslationFields): TranslationStatus {
  const title = fields.title.trim() !== '';
  const description = fields.description.trim() !== '';
  if (title && description) return 'complete';
  if (title) return 'title';
  return description ? 'description' : 'missing';
}

/** The translations as the API stores them: trimmed, empty texts and languages left out. */
export function translationsInput(translations: FormTranslations): SummitTranslations {
  const input: SummitTranslations = {};
  for (const language of LANGUAGES) {
    const title = translations[language].title.trim();
    const description = translations[language].description.trim();
    if (title || description) {
      input[language] = { ...(title ? { title } : {}), ...(description ? { description } : {}) };
    }
  }
  return input;
}

const sameTranslations = (a: SummitTranslations, b: SummitTranslations): boolean =>
  JSON.stringify(a) === JSON.stringify(b);

/** A copy that shares nothing with `values` (its translations are objects too): for the form's saved state. */
export function copySummitForm(values: SummitFormValues): SummitFormValues {
  const translations = Object.fromEntries(
    LANGUAGES.map((language) => [language, { ...values.translations[language] }]),
  ) as FormTranslations;
  return { ...values, translations };
}

/** An instant as a datetime-local value in `zone` ("2027-03-09T14:00"); '' for none. */
export function toZonedInput(instant: string | null | undefined, zone: string): string {
  if (!instant) return '';
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  return `${localDate(ms, zone)}T${localTime(ms, zone)}`;
}

/** A datetime-local value read in `zone`, as an ISO instant; null for '' or a value that is not one. */
export function fromZonedInput(value: string, zone: string): string | null {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(value);
  if (!match?.[1] || !match[2] || !isValidTimeZone(zone)) return null;
  try {
    return zonedInstant(match[1], match[2], zone).toISOString();
  } catch {
    return null;
  }
}

/** When registration closes by default, as the form shows it: when the last day ends in the summit's zone. */
function endOfLastDay(values: Pick<SummitFormValues, 'endDate' | 'timeZone'>): string {
  if (!isIsoDate(values.endDate) || !isValidTimeZone(values.timeZone)) return '';
  return toZonedInput(dayBounds(values.endDate, values.timeZone).end.toISOString(), values.timeZone);
}

export function summitFormFrom(summit: SummitDetail): SummitFormValues {
  return {
    title: summit.title,
    edition: summit.edition ?? '',
    format: summit.format,
    timeZone: summit.timeZone,
    startDate: summit.startDate,
    endDate: summit.endDate,
    description: summit.description,
    venueName: summit.venue?.name ?? '',
    venueAddress: summit.venue?.address ?? '',
    venueCity: summit.venue?.city ?? '',
    hostInstitutionId: summit.hostInstitutionId ?? '',
    seatsInPerson: summit.seats.inPerson === null ? '' : String(summit.seats.inPerson),
    seatsVirtual: summit.seats.virtual === null ? '' : String(summit.seats.virtual),
    registrationOpens: toZonedInput(summit.registration.opensAt, summit.timeZone),
    registrationCloses: toZonedInput(summit.registration.closesAt, summit.timeZone),
    requiresApproval: summit.registration.requiresApproval,
    translations: formTranslations(summit.translations),
  };
}

const hasVenue = (format: SummitFormat): boolean => format !== 'virtual';
const SEATS = /^\d{1,6}$/;

export function validateSummitForm(values: SummitFormValues): SummitFormErrors {
  const errors: SummitFormErrors = {};
  if (!values.title.trim()) errors.title = m.organise_title_required();
  if (!isValidTimeZone(values.timeZone)) errors.timeZone = m.organise_zone_required();
  if (!isIsoDate(values.startDate)) errors.startDate = m.organise_start_required();
  if (!isIsoDate(values.endDate)) errors.endDate = m.organise_end_required();
  else if (isIsoDate(values.startDate) && values.endDate < values.startDate)
    errors.endDate = m.organise_end_before_start();
  else if (isIsoDate(values.startDate) && addDays(values.startDate, 14) < values.endDate)
    errors.endDate = m.organise_too_long();
  if (hasVenue(values.format) && !values.venueName.trim()) errors.venueName = m.organise_venue_required();
  if (values.seatsInPerson.trim() && !SEATS.test(values.seatsInPerson.trim()))
    errors.seatsInPerson = m.organise_seats_invalid();
  if (values.seatsVirtual.trim() && !SEATS.test(values.seatsVirtual.trim()))
    errors.seatsVirtual = m.organise_seats_invalid();
  const opens = fromZonedInput(values.registrationOpens, values.timeZone);
  const closes = fromZonedInput(values.registrationCloses, values.timeZone);
  if (values.registrationOpens && !opens) errors.registrationOpens = m.organise_datetime_required();
  if (values.registrationCloses && !closes) errors.registrationCloses = m.organise_datetime_required();
  if (opens && closes && closes <= opens) errors.registrationCloses = m.organise_closes_before_opens();
  return errors;
}

/** The errors of the last submit still true of `values` (see lib/form-errors). */
export function remainingSummitErrors(shown: SummitFormErrors, values: SummitFormValues): SummitFormErrors {
  return remainingErrors(shown, validateSummitForm(values));
}

const seats = (text: string): number | null => (text.trim() ? Number(text.trim()) : null);
const orNull = (text: string): string | null => text.trim() || null;

function venueOf(values: SummitFormValues): CreateSummit['venue'] {
  if (!hasVenue(values.format)) return null;
  return { name: values.venueName.trim(), address: orNull(values.venueAddress), city: orNull(values.venueCity) };
}

export function createSummitInput(values: SummitFormValues): CreateSummit {
  const opens = fromZonedInput(values.registrationOpens, values.timeZone);
  const closes = fromZonedInput(values.registrationCloses, values.timeZone);
  const translations = translationsInput(values.translations);
  return {
    title: values.title.trim(),
    format: values.format,
    timeZone: values.timeZone,
    startDate: values.startDate,
    endDate: values.endDate,
    ...(values.edition.trim() ? { edition: values.edition.trim() } : {}),
    ...(values.description.trim() ? { description: values.description } : {}),
    venue: venueOf(values),
    seats: {
      inPerson: values.format === 'virtual' ? null : seats(values.seatsInPerson),
      virtual: values.format === 'in_person' ? null : seats(values.seatsVirtual),
    },
    ...(values.hostInstitutionId ? { hostInstitutionId: values.hostInstitutionId } : {}),
    ...(opens ? { registrationOpensAt: opens } : {}),
    ...(closes ? { registrationClosesAt: closes } : {}),
    requiresApproval: values.requiresApproval,
    ...(Object.keys(translations).length > 0 ? { translations } : {}),
  };
}

/**
 * Only what the organiser changed, so that an untouched default (registration closing when the last day
 * ends) stays a default and follows the dates. Registration times are compared as instants: the same
 * wall-clock text in another zone is another moment.
 */
export function summitPatch(initial: SummitFormValues, values: SummitFormValues): UpdateSummit | null {
  const patch: UpdateSummit = {};
  if (values.title.trim() !== initial.title) patch.title = values.title.trim();
  if (values.edition.trim() !== initial.edition) patch.edition = orNull(values.edition);
  if (values.format !== initial.format) patch.format = values.format;
  if (values.timeZone !== initial.timeZone) patch.timeZone = values.timeZone;
  if (values.startDate !== initial.startDate) patch.startDate = values.startDate;
  if (values.endDate !== initial.endDate) patch.endDate = values.endDate;
  if (values.description !== initial.description) patch.description = values.description;
  if (
    hasVenue(values.format) &&
    (values.venueName !== initial.venueName ||
      values.venueAddress !== initial.venueAddress ||
      values.venueCity !== initial.venueCity ||
      !hasVenue(initial.format))
  ) {
    patch.venue = venueOf(values);
  }
  if (values.hostInstitutionId !== initial.hostInstitutionId)
    patch.hostInstitutionId = orNull(values.hostInstitutionId);
  const seatPatch: NonNullable<UpdateSummit['seats']> = {};
  if (values.seatsInPerson.trim() !== initial.seatsInPerson) seatPatch.inPerson = seats(values.seatsInPerson);
  if (values.seatsVirtual.trim() !== initial.seatsVirtual) seatPatch.virtual = seats(values.seatsVirtual);
  if (Object.keys(seatPatch).length > 0) patch.seats = seatPatch;
  const opens = fromZonedInput(values.registrationOpens, values.timeZone);
  const closes = fromZonedInput(values.registrationCloses, values.timeZone);
  if (opens !== fromZonedInput(initial.registrationOpens, initial.timeZone)) patch.registrationOpensAt = opens;
  // Closing when the last day ends, by default: left so (or set to the new last day's end), it stays the default
  // and follows a new zone or last day.
  const closedByDefault = initial.registrationCloses === endOfLastDay(initial);
  const keptDefault =
    closedByDefault &&
    (values.registrationCloses === initial.registrationCloses || values.registrationCloses === endOfLastDay(values));
  if (keptDefault) {
    // Null is the default itself: a closing stored as an instant that happened to equal it follows the dates too.
    if (values.timeZone !== initial.timeZone || values.endDate !== initial.endDate) patch.registrationClosesAt = null;
  } else if (closes !== fromZonedInput(initial.registrationCloses, initial.timeZone)) {
    patch.registrationClosesAt = closes;
  }
  if (values.requiresApproval !== initial.requiresApproval) patch.requiresApproval = values.requiresApproval;
  // The API replaces the translations whole: all of them go when any text changed (spaces aside).
  const translations = translationsInput(values.translations);
  if (!sameTranslations(translations, translationsInput(initial.translations))) patch.translations = translations;
  return Object.keys(patch).length > 0 ? patch : null;
}
