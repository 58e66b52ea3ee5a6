import type { Accreditation } from '@apoc/shared';
import { InvalidInput } from '../../errors';

/**
 * A summit's accreditation as it is stored: texts trimmed (they are printed on certificates as given), and refused
 * (400) where the schema alone cannot tell that it makes no sense — a wording, credit name or signatory that is
 * only spaces, an evaluation question left empty or asked twice, a required evaluation without a question.
 */
export function cleanAccreditation(input: Accreditation): Accreditation {
  const text = (value: string, what: string): string => {
    const trimmed = value.trim();
    if (trimmed === '') throw new InvalidInput(`The accreditation's ${what} is empty.`);
    return trimmed;
  };
  const questions = input.evaluation.questions.map((question, index) =>
    text(question, `evaluation question ${index + 1}`),
  );
  const seen = new Set<string>();
  for (const question of questions) {
    const key = question.toLocaleLowerCase('en');
    if (seen.has(key)) throw new InvalidInput(`The evaluation asks "${question}" twice.`);
    seen.add(key);
  }
  if (input.evaluation.required && questions.length === 0) {
    throw new InvalidInput('A required evaluation needs at least one question to rate.');
  }
  return {
    statement: text(input.statement, 'statement'),
    creditName: text(input.creditName, 'credit name'),
    signatoryName: text(input.signatoryName, "signatory's name"),
    signatoryTitle: input.signatoryTitle.trim(),
    minimumPercent: input.minimumPercent,
    issue: input.issue,
    evaluation: { required: input.evaluation.required, questions },
  };
}

/**
 * A summit's accreditation after a change: kept when the change does not name it, withdrawn with null, else replaced
 * as a whole. What a published summit serves changes with it (the summit's change notice forgets the kept answer).
 */
export function accreditationAfter(
  current: Accreditation | null,
  change: Accreditation | null | undefined,
): Accreditation | null {
  if (change === undefined) return current;
  return change && cleanAccreditation(change);
}
