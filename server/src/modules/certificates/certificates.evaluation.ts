import {
  evaluationOpen,
  type EvaluationAnswer,
  type EvaluationForm,
  type EvaluationResults,
  type SessionCredit,
} from '@apoc/shared';
import { Forbidden, InvalidInput } from '../../errors';
import type { RegistrationsRepository } from '../registrations/registrations.repository';
import type { Viewer } from '../summits/summits.service';
import type { AccreditedSummit, CreditsLedger } from './certificates.ledger';
import { EvaluationClosed, EvaluationSubmitted } from './certificates.errors';
import type { CertificatesRepository, EvaluationRow } from './certificates.repository';

const average = (ratings: readonly number[]): number | null =>
  ratings.length === 0 ? null : Math.round((ratings.reduce((sum, r) => sum + r, 0) / ratings.length) * 100) / 100;

/**
 * The evaluation attendees fill, once, from the start of the summit's first session: a rating of each of the
 * organisers' questions, of each accredited session they attended, and a comment. Organisers see the answers only
 * aggregated, without names; speakers never.
 */
export class EvaluationsService {
  private readonly evaluations: CertificatesRepository;

  constructor(
    private readonly ledger: CreditsLedger,
    private readonly registrations: RegistrationsRepository,
  ) {
    this.evaluations = ledger.repository;
  }

  /**
   * Who may evaluate: a member holding a confirmed registration, or anyone who earned credits (a speaker, or a
   * member whose registration was cancelled after they attended).
   */
  private async participant(summit: AccreditedSummit, viewer: Viewer): Promise<SessionCredit[]> {
    const credits = await this.ledger.memberCredits(summit, viewer.id);
    const registration = await this.registrations.findFor(summit.summit.id, viewer.id);
    if (registration?.status !== 'confirmed' && !credits.some((credit) => credit.earned)) {
      throw new Forbidden('The evaluation is for the members registered for this summit.');
    }
    return credits;
  }

  /** The accredited sessions the member attended, however long: they may rate those. */
  private attended(summit: AccreditedSummit, credits: readonly SessionCredit[]) {
    return summit.sessions
      .filter((_, index) => {
        const credit = credits[index];
        return credit !== undefined && (credit.earned || credit.checkedIn || (credit.minutesPresent ?? 0) > 0);
      })
      .map((session) => ({ sessionId: session.id, title: session.title }));
  }

  private form(summit: AccreditedSummit, credits: readonly SessionCredit[], row: EvaluationRow | undefined) {
    const { evaluation } = summit.accreditation;
    return {
      required: evaluation.required,
      questions: evaluation.questions,
      sessions: this.attended(summit, credits),
      submitted: row
        ? {
            ratings: row.ratings,
            sessionRatings: row.sessionRatings,
            comment: row.comment,
            submittedAt: row.submittedAt.toISOString(),
          }
        : null,
      opensAt: summit.firstSessionStart === null ? null : new Date(summit.firstSessionStart).toISOString(),
    } satisfies EvaluationForm;
  }

  async get(viewer: Viewer, summitId: string): Promise<EvaluationForm> {
    const summit = await this.ledger.accredited(summitId, viewer);
    const credits = await this.participant(summit, viewer);
    return this.form(summit, credits, await this.evaluations.evaluation(summitId, viewer.id));
  }

  async submit(viewer: Viewer, summitId: string, answer: EvaluationAnswer): Promise<EvaluationForm> {
    const summit = await this.ledger.accredited(summitId, viewer);
    const credits = await this.participant(summit, viewer);
    const now = this.ledger.clock();
    if (!evaluationOpen(summit.firstSessionStart, now.getTime())) {
      throw new EvaluationClosed('The evaluation opens when the summit’s first session starts.');
    }
    if (await this.evaluations.evaluation(summitId, viewer.id)) {
      throw new EvaluationSubmitted('You have submitted your evaluation of this summit already.');
    }
    const { questions } = summit.accreditation.evaluation;
    if (answer.ratings.length !== questions.length) {
      throw new InvalidInput(`Rate each of the ${questions.length} questions, in order, from 1 to 5.`);
    }
    const attended = new Set(this.attended(summit, credits).map((session) => session.sessionId));
    const unknown = Object.keys(answer.sessionRatings).filter((sessionId) => !attended.has(sessionId));
    if (unknown.length > 0) {
      throw new InvalidInput(`Only the accredited sessions you attended can be rated, not ${unknown.join(', ')}.`);
    }
    const submitted = await this.evaluations.submitEvaluation({
      summitId,
      memberId: viewer.id,
      ratings: answer.ratings,
      sessionRatings: answer.sessionRatings,
      comment: answer.comment.trim(),
      submittedAt: now,
    });
    if (!submitted) throw new EvaluationSubmitted('You have submitted your evaluation of this summit already.');
    return this.form(summit, credits, await this.evaluations.evaluation(summitId, viewer.id));
  }

  /** The answers aggregated per question and per session, and the comments, never with a name. */
  async results(organiser: Viewer, summitId: string): Promise<EvaluationResults> {
    const summit = await this.ledger.accredited(summitId, organiser);
    const rows = await this.evaluations.evaluations(summitId);
    const { questions } = summit.accreditation.evaluation;
    return {
      responses: rows.length,
      questions: questions.map((text, index) => {
        // Answers given before the organisers changed the questions may lack this one.
        const ratings = rows.flatMap((row) => (row.ratings[index] === undefined ? [] : [row.ratings[index]]));
        return {
          text,
          responses: ratings.length,
          average: average(ratings),
          counts: [1, 2, 3, 4, 5].map((value) => ratings.filter((rating) => rating === value).length),
        };
      }),
      sessions: summit.sessions.map((session) => {
        const ratings = rows.flatMap((row) => {
          const rating = row.sessionRatings[session.id];
          return rating === undefined ? [] : [rating];
        });
        return { sessionId: session.id, title: session.title, responses: ratings.length, average: average(ratings) };
      }),
      // Sorted, so that their order says nothing of who wrote them or when.
      comments: rows
        .map((row) => row.comment)
        .filter((comment) => comment !== '')
        .sort((a, b) => a.localeCompare(b)),
    };
  }
}
