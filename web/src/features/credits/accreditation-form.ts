// A summit's accreditation as the form holds it, its checks, and what is sent: `accreditation` in the summit's
// PATCH, whole (or null to turn it off). The limits are the contract's (Accreditation in @apoc/shared), checked
// here first so that each message can sit beside its field; they are restated because the web app takes only
// types from the package's root, whose schema builder would weigh on the pages that import it.
import type { Accreditation } from '@apoc/shared';
import { remainingErrors } from '../../lib/form-errors';
import { m } from '../../paraglide/messages.js';

/** At most this many rated questions; the evaluation always ends with a free comment besides. */
export const MAX_QUESTIONS = 12;
export const DEFAULT_MINIMUM_PERCENT = 80;

/** Characters, as Accreditation's schema allows them. */
export const FIELD_LIMITS = {
  statement: 2000,
  creditName: 120,
  signatoryName: 200,
  signatoryTitle: 200,
  question: 300,
} as const;

/** One question as the list holds it: the key follows it when it moves, so that its field keeps focus. */
export interface QuestionField {
  key: number;
  text: string;
}

export interface AccreditationFormValues {
  accredited: boolean;
  statement: string;
  creditName: string;
  signatoryName: string;
  signatoryTitle: string;
  /** As <input type="number"> holds it: null while empty. */
  minimumPercent: number | null;
  issue: Accreditation['issue'];
  evaluationRequired: boolean;
  questions: QuestionField[];
}

/** A field's name, or `question-<key>` for one question. */
export type AccreditationField =
  Exclude<keyof AccreditationFormValues, 'questions'> | 'questions' | `question-${number}`;
export type AccreditationFormErrors = Partial<Record<AccreditationField, string>>;

let nextKey = 1;

/** A question field with a key no other field of the page has. */
export function questionField(text = ''): QuestionField {
  return { key: nextKey++, text };
}

/** The questions a new accreditation starts with, which organisers edit: what accrediting bodies usually ask. */
export function defaultQuestions(): string[] {
  return [
    m.credits_default_question_objectives(),
    m.credits_default_question_practice(),
    m.credits_default_question_bias(),
  ];
}

/** The form for a summit's accreditation; a summit without one gets the defaults, switched off. */
export function accreditationFormFrom(accreditation: Accreditation | null | undefined): AccreditationFormValues {
  if (!accreditation) {
    return {
      accredited: false,
      statement: '',
      creditName: '',
      signatoryName: '',
      signatoryTitle: '',
      minimumPercent: DEFAULT_MINIMUM_PERCENT,
      issue: 'end',
      evaluationRequired: true,
      questions: defaultQuestions().map((text) => questionField(text)),
    };
  }
  return {
    accredited: true,
    statement: accreditation.statement,
    creditName: accreditation.creditName,
    signatoryName: accreditation.signatoryName,
    signatoryTitle: accreditation.signatoryTitle,
    minimumPercent: accreditation.minimumPercent,
    issue: accreditation.issue,
    evaluationRequired: accreditation.evaluation.required,
    questions: accreditation.evaluation.questions.map((text) => questionField(text)),
  };
}

/** A copy that shares nothing with `values` (its questions are objects too): for the form's saved state. */
export function copyAccreditationForm(values: AccreditationFormValues): AccreditationFormValues {
  return { ...values, questions: values.questions.map((question) => ({ ...question })) };
}

export function validateAccreditationForm(values: AccreditationFormValues): AccreditationFormErrors {
  const errors: AccreditationFormErrors = {};
  if (!values.accredited) return errors;
  const tooLong = (text: string, limit: number): boolean => text.trim().length > limit;
  if (!values.statement.trim()) errors.statement = m.credits_error_statement();
  else if (tooLong(values.statement, FIELD_LIMITS.statement))
    errors.statement = m.credits_error_too_long({ limit: FIELD_LIMITS.statement });
  if (!values.creditName.trim()) errors.creditName = m.credits_error_credit_name();
  else if (tooLong(values.creditName, FIELD_LIMITS.creditName))
    errors.creditName = m.credits_error_too_long({ limit: FIELD_LIMITS.creditName });
  if (!values.signatoryName.trim()) errors.signatoryName = m.credits_error_signatory();
  else if (tooLong(values.signatoryName, FIELD_LIMITS.signatoryName))
    errors.signatoryName = m.credits_error_too_long({ limit: FIELD_LIMITS.signatoryName });
  if (tooLong(values.signatoryTitle, FIELD_LIMITS.signatoryTitle))
    errors.signatoryTitle = m.credits_error_too_long({ limit: FIELD_LIMITS.signatoryTitle });
  const percent = values.minimumPercent;
  if (percent === null || !Number.isInteger(percent) || percent < 1 || percent > 100)
    errors.minimumPercent = m.credits_error_percent();
  for (const question of values.questions) {
    if (!question.text.trim()) errors[`question-${question.key}`] = m.credits_error_question_empty();
    else if (tooLong(question.text, FIELD_LIMITS.question))
      errors[`question-${question.key}`] = m.credits_error_too_long({ limit: FIELD_LIMITS.question });
  }
  if (values.questions.length > MAX_QUESTIONS) errors.questions = m.credits_error_too_many({ count: MAX_QUESTIONS });
  else if (values.evaluationRequired && values.questions.length === 0)
    errors.questions = m.credits_error_no_questions();
  return errors;
}

/** The errors of the last submit still true of `values` (see lib/form-errors). */
export function remainingAccreditationErrors(
  shown: AccreditationFormErrors,
  values: AccreditationFormValues,
): AccreditationFormErrors {
  return remainingErrors(shown, validateAccreditationForm(values));
}

/** The accreditation as the API takes it (a valid form), texts trimmed; null when it is switched off. */
export function accreditationInput(values: AccreditationFormValues): Accreditation | null {
  if (!values.accredited) return null;
  return {
    statement: values.statement.trim(),
    creditName: values.creditName.trim(),
    signatoryName: values.signatoryName.trim(),
    signatoryTitle: values.signatoryTitle.trim(),
    minimumPercent: values.minimumPercent ?? DEFAULT_MINIMUM_PERCENT,
    issue: values.issue,
    evaluation: { required: values.evaluationRequired, questions: values.questions.map((q) => q.text.trim()) },
  };
}

/** What saving would send, or null when the form says what the summit already has (spaces aside). */
export function accreditationPatch(
  initial: AccreditationFormValues,
  values: AccreditationFormValues,
): { accreditation: Accreditation | null } | null {
  const before = accreditationInput(initial);
  const after = accreditationInput(values);
  // An emptied percentage is a change even though the input would fall back to the default.
  const samePercent = !values.accredited || values.minimumPercent === initial.minimumPercent;
  return samePercent && JSON.stringify(before) === JSON.stringify(after) ? null : { accreditation: after };
}

/** The list with the question at `index` moved by `by` places (−1 up, +1 down); the same list at either end. */
export function moveQuestion(questions: QuestionField[], index: number, by: -1 | 1): QuestionField[] {
  const target = index + by;
  if (index < 0 || index >= questions.length || target < 0 || target >= questions.length) return questions;
  const next = [...questions];
  const [moved] = next.splice(index, 1);
  if (moved) next.splice(target, 0, moved);
  return next;
}
