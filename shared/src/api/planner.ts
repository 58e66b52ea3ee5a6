import { Type, type Static } from 'typebox';
import { SUMMIT_FORMATS, SUMMIT_STATUSES } from '../domain';
import { BURDEN_GRADES, COMFORT_CLASSES } from '../planner/comfort';
import { EDITION_DECAY, ROTATION_STRENGTH } from '../planner/rotation';
import { GRADE_PENALTY } from '../planner/score';
import { CalendarDate, Id, Instant, Nullable, TimeZone } from './common';

export const ComfortSchema = Type.Enum(COMFORT_CLASSES, {
  description:
    'working: 09:00–18:00 on a weekday, the whole session; night: any part between 22:00 and 07:00; acceptable: the rest',
});

export const BurdenGradeSchema = Type.Enum(BURDEN_GRADES, {
  description:
    'The burden of the local hours, graded (refines `comfort`): working 09:00–18:00 on a weekday; fringe 07:00–09:00, ' +
    '18:00–22:00 or a weekend day; unsocial 22:00–24:00 (late evening) or 06:00–07:00 (early morning); ' +
    'deep-night 00:00–06:00. A session takes the grade of its worst minute',
});

const UtcTimeOfDay = Type.String({ pattern: '^(?:[01]\\d|2[0-3]):[0-5]\\d$|^24:00$', examples: ['06:00'] });

/** Who will follow the session: by default every institution of the network, each counting once. */
export const PlannerAudience = Type.Union([
  Type.Object(
    {
      kind: Type.Literal('institutions'),
      institutionIds: Type.Optional(Type.Array(Id, { minItems: 1, maxItems: 50, description: 'Default: all' })),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('registrants', { description: 'The summit’s registrants, grouped by zone (needs summitId)' }),
    },
    { additionalProperties: false },
  ),
  Type.Object(
    {
      kind: Type.Literal('zones'),
      zones: Type.Array(
        Type.Object(
          {
            timeZone: TimeZone,
            headcount: Type.Integer({ minimum: 1, maximum: 100_000 }),
            label: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
          },
          { additionalProperties: false },
        ),
        { minItems: 1, maxItems: 40 },
      ),
    },
    { additionalProperties: false },
  ),
]);
export type PlannerAudience = Static<typeof PlannerAudience>;

export const PlannerRequest = Type.Object(
  {
    dates: Type.Array(CalendarDate, {
      minItems: 1,
      maxItems: 14,
      description: 'Calendar days in `timeZone`; every quarter hour of each is a candidate start',
    }),
    durationMinutes: Type.Integer({ minimum: 15, maximum: 480, multipleOf: 5 }),
    summitId: Type.Optional({
      ...Id,
      description: 'The edition being planned: its zone reads `dates`; rotation looks at the editions before it',
    }),
    timeZone: Type.Optional({
      ...TimeZone,
      description: 'The zone whose calendar days `dates` are. Default: the summit’s zone, else UTC',
    }),
    audience: Type.Optional(PlannerAudience),
    mustAttend: Type.Optional(
      Type.Array(Id, {
        maxItems: 20,
        description: 'Institutions that must be able to attend (the speakers’): never at night for them',
      }),
    ),
    mustAttendComfort: Type.Optional(
      Type.Enum(['acceptable', 'working'], {
        description: 'The worst class allowed for must-attend institutions. Default: acceptable',
      }),
    ),
    earliestUtc: Type.Optional(UtcTimeOfDay),
    latestUtc: Type.Optional(UtcTimeOfDay),
    rotation: Type.Optional(
      Type.Boolean({ description: 'Weigh penalties by the night burden of previous editions. Default: true' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1400, description: 'Slots to return. Default: 20' })),
    pairs: Type.Optional(Type.Integer({ minimum: 0, maximum: 20, description: 'Repeat pairs to return. Default: 3' })),
  },
  { additionalProperties: false },
);
export type PlannerRequest = Static<typeof PlannerRequest>;

/** One group of the audience at one slot. */
export const PlannerLocalTime = Type.Object({
  /** Null for a zone of registrants. */
  institutionId: Nullable(Id),
  label: Type.String(),
  timeZone: TimeZone,
  headcount: Type.Integer(),
  /** Wall-clock start and end in the group's zone, `YYYY-MM-DDTHH:mm`. */
  localStart: Type.String(),
  localEnd: Type.String(),
  weekday: Type.Integer({ minimum: 1, maximum: 7, description: '1 = Monday … 7 = Sunday, of the local start' }),
  comfort: ComfortSchema,
  grade: BurdenGradeSchema,
  gradeAt: Type.String({ description: 'Local `HH:mm` where the session first reaches its grade' }),
  gradeWords: Type.String({ examples: ['deep night', 'late evening', 'early morning', 'early', 'late', 'weekend'] }),
  explanation: Type.String({ examples: ['Melbourne at 02:00: deep night'] }),
  penalty: Type.Number({ description: 'headcount × rotation weight × grade penalty' }),
});
export type PlannerLocalTime = Static<typeof PlannerLocalTime>;

export const ComfortCounts = Type.Object({
  working: Type.Integer(),
  acceptable: Type.Integer(),
  night: Type.Integer(),
});

export const GradeCounts = Type.Object({
  working: Type.Integer(),
  fringe: Type.Integer(),
  unsocial: Type.Integer(),
  'deep-night': Type.Integer(),
});

export const PlannedSlot = Type.Object({
  startsAt: Instant,
  endsAt: Instant,
  score: Type.Number({
    minimum: 0,
    maximum: 100,
    description:
      'Higher is better: 100 when everyone is in working hours, 50 or more when nobody is in the deep night ' +
      '(00:00–06:00), below 50 when someone is, 0 when everyone is',
  }),
  deepNight: Type.Number({
    description: 'Headcount × rotation weight of the groups in the deep night: slots are ranked by it first',
  }),
  penalty: Type.Number({
    description: `Lower is better, ranked after deepNight: the sum of the groups’ penalties (per unit of weight: ${Object.entries(
      GRADE_PENALTY,
    )
      .map(([grade, penalty]) => `${grade} ${penalty}`)
      .join(', ')})`,
  }),
  counts: ComfortCounts,
  grades: GradeCounts,
  explanation: Type.String(),
  local: Type.Array(PlannerLocalTime),
});
export type PlannedSlot = Static<typeof PlannedSlot>;

export const RepeatPair = Type.Object({
  first: PlannedSlot,
  second: PlannedSlot,
  coveragePenalty: Type.Number({ description: 'Sum over the groups of the better of their two penalties' }),
  coverageDeepNight: Type.Number({ description: 'Weight of the groups for which both runs are in the deep night' }),
  everyoneHasWorkingOption: Type.Boolean(),
  choices: Type.Array(
    Type.Object({
      institutionId: Nullable(Id),
      label: Type.String(),
      run: Type.Enum(['first', 'second']),
      comfort: ComfortSchema,
      grade: BurdenGradeSchema,
    }),
  ),
  explanation: Type.String(),
});
export type RepeatPair = Static<typeof RepeatPair>;

export const RotationEdition = Type.Object({
  summitId: Id,
  title: Type.String(),
  format: Type.Enum(SUMMIT_FORMATS),
  startDate: CalendarDate,
});

export const RotationReport = Type.Object({
  applied: Type.Boolean(),
  strength: Type.Number({ description: `Weights range over 1 ± strength (${ROTATION_STRENGTH})` }),
  decay: Type.Number({ description: `Each earlier edition counts this much of the one after it (${EDITION_DECAY})` }),
  /** Previous editions followed from home (virtual and hybrid), newest first. */
  editions: Type.Array(RotationEdition),
  institutions: Type.Array(
    Type.Object({
      institutionId: Id,
      label: Type.String(),
      nightsLastEdition: Type.Integer(),
      nightsEarlier: Type.Integer(),
      burden: Type.Number({ description: 'Nights of the last edition + half those of the one before + …' }),
      weight: Type.Number({ description: 'Factor on the institution’s penalties (1 when rotation is not applied)' }),
    }),
  ),
});
export type RotationReport = Static<typeof RotationReport>;

export const PlannerResponse = Type.Object({
  /** Best first: fewest in the deep night, then lowest penalty, then earliest start. */
  slots: Type.Array(PlannedSlot),
  pairs: Type.Array(RepeatPair),
  rotation: RotationReport,
  timeZone: TimeZone,
  durationMinutes: Type.Integer(),
  candidates: Type.Integer({ description: 'Start times considered' }),
  feasible: Type.Integer({ description: 'Start times that meet the constraints' }),
});
export type PlannerResponse = Static<typeof PlannerResponse>;

export const FairnessCounts = Type.Object({
  institutionId: Id,
  label: Type.String(),
  night: Type.Integer(),
  deepNight: Type.Integer({ description: 'Of the night sessions, those with a minute between 00:00 and 06:00' }),
  acceptable: Type.Integer(),
  working: Type.Integer(),
});

export const FairnessEdition = Type.Object({
  summitId: Id,
  title: Type.String(),
  edition: Nullable(Type.String()),
  format: Type.Enum(SUMMIT_FORMATS),
  status: Type.Enum(SUMMIT_STATUSES),
  startDate: CalendarDate,
  current: Type.Boolean({ description: 'The edition the report is about' }),
  followedFromHome: Type.Boolean({ description: 'Virtual or hybrid: its local times fall on people at home' }),
  sessionCount: Type.Integer(),
  institutions: Type.Array(FairnessCounts),
});

/** Night and out-of-hours sessions per institution: this edition, then the previous ones, newest first. */
export const FairnessReport = Type.Object({
  summitId: Id,
  editions: Type.Array(FairnessEdition),
  /** Over the editions followed from home, this one included. */
  totals: Type.Array(FairnessCounts),
});
export type FairnessReport = Static<typeof FairnessReport>;
