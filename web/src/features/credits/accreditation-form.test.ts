import type { Accreditation } from '@apoc/shared';
import { describe, expect, it } from 'vitest';
import {
  accreditationFormFrom,
  accreditationInput,
  accreditationPatch,
  copyAccreditationForm,
  MAX_QUESTIONS,
  moveQuestion,
  questionField,
  validateAccreditationForm,
} from './accreditation-form';

const accreditation: Accreditation = {
  statement: 'The APoC Summit is accredited by the EACCME® with 6 ECMEC®s.',
  creditName: 'ECMEC®s',
  signatoryName: 'Dr Ana Souza',
  signatoryTitle: 'Chair, Scientific Committee',
  minimumPercent: 80,
  issue: 'end',
  evaluation: { required: true, questions: ['Met its objectives', 'Free of commercial bias'] },
};

describe('the accreditation form', () => {
  it('starts a summit without accreditation switched off, at 80 %, with questions to edit', () => {
    const values = accreditationFormFrom(null);
    expect(values).toMatchObject({ accredited: false, minimumPercent: 80, issue: 'end', evaluationRequired: true });
    expect(values.questions.map((question) => question.text)).toHaveLength(3);
    expect(validateAccreditationForm(values)).toEqual({});
    expect(accreditationPatch(values, copyAccreditationForm(values))).toBeNull();
  });

  it('asks for the statement, the credits’ name, the signatory and a whole percentage once switched on', () => {
    const values = { ...accreditationFormFrom(null), accredited: true, minimumPercent: 80.5 };
    expect(Object.keys(validateAccreditationForm(values)).sort()).toEqual([
      'creditName',
      'minimumPercent',
      'signatoryName',
      'statement',
    ]);
    expect(validateAccreditationForm({ ...values, minimumPercent: null }).minimumPercent).toBeDefined();
    expect(validateAccreditationForm({ ...values, minimumPercent: 0 }).minimumPercent).toBeDefined();
    expect(validateAccreditationForm({ ...values, minimumPercent: 101 }).minimumPercent).toBeDefined();
  });

  it('names an empty question by its key, and wants one when the evaluation is required', () => {
    const values = accreditationFormFrom(accreditation);
    const blank = questionField('  ');
    expect(Object.keys(validateAccreditationForm({ ...values, questions: [...values.questions, blank] }))).toEqual([
      `question-${blank.key}`,
    ]);
    expect(validateAccreditationForm({ ...values, questions: [] }).questions).toBe(
      'Add at least one question, or do not require the evaluation.',
    );
    expect(validateAccreditationForm({ ...values, questions: [], evaluationRequired: false })).toEqual({});
    const many = Array.from({ length: MAX_QUESTIONS + 1 }, (_, index) => questionField(`Question ${index}`));
    expect(validateAccreditationForm({ ...values, questions: many }).questions).toBe('At most 12 questions.');
  });

  it('sends the accreditation whole, trimmed, and null to switch it off', () => {
    const initial = accreditationFormFrom(accreditation);
    const values = copyAccreditationForm(initial);
    values.signatoryName = '  Dr Ana Souza ';
    expect(accreditationPatch(initial, values)).toBeNull();
    values.minimumPercent = 75;
    values.issue = 'daily';
    expect(accreditationPatch(initial, values)).toEqual({
      accreditation: { ...accreditation, minimumPercent: 75, issue: 'daily' },
    });
    expect(accreditationPatch(initial, { ...values, accredited: false })).toEqual({ accreditation: null });
    expect(accreditationInput({ ...values, accredited: false })).toBeNull();
  });

  it('counts an emptied percentage as a change, so that saving tells what is wrong', () => {
    const initial = accreditationFormFrom(accreditation);
    expect(accreditationPatch(initial, { ...copyAccreditationForm(initial), minimumPercent: null })).not.toBeNull();
  });

  it('moves a question up or down, and leaves the list alone at either end', () => {
    const questions = ['a', 'b', 'c'].map((text) => questionField(text));
    expect(moveQuestion(questions, 2, -1).map((q) => q.text)).toEqual(['a', 'c', 'b']);
    expect(moveQuestion(questions, 0, 1).map((q) => q.text)).toEqual(['b', 'a', 'c']);
    expect(moveQuestion(questions, 0, -1)).toBe(questions);
    expect(moveQuestion(questions, 2, 1)).toBe(questions);
  });
});
