// How a form's messages behave after a submit: each leaves as soon as its field is fixed, changes its
// wording while the field is wrong for another reason, and no new one appears before the next submit
// (nobody is told off for a field they have not reached yet).

/** Of the errors `shown` since the last submit, those that `now` (the current check) still finds. */
export function remainingErrors<Field extends string>(
  shown: Partial<Record<Field, string>>,
  now: Partial<Record<Field, string>>,
): Partial<Record<Field, string>> {
  const remaining: Partial<Record<Field, string>> = {};
  for (const field of Object.keys(shown) as Field[]) {
    if (now[field]) remaining[field] = now[field];
  }
  return remaining;
}
