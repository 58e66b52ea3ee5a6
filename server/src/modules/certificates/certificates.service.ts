import {
  certificateGate,
  earnedHundredths,
  hoursOf,
  type CertificateDocument,
  type CertificateVerification,
  type CreditsReport,
  type MyCredits,
  type SessionAttended,
  type SessionCredit,
} from '@apoc/shared';
import { InvalidInput, NotFound, Unavailable } from '../../errors';
import type { Viewer } from '../summits/summits.service';
import { canonicalCode } from './certificates.codes';
import { creditedSession, isAccredited, type AccreditedSummit, type CreditsLedger } from './certificates.ledger';
import { CertificateNotReady, CertificateNotValid, EvaluationRequired, NoCertificate } from './certificates.errors';
import { certificateFonts, renderCertificatePdf } from './certificates.pdf';
import type { CertificateRow, CertificatesRepository } from './certificates.repository';

const iso = (instant: number | Date) => new Date(instant).toISOString();

/** The summit's certificate as a download. */
export interface CertificateFile {
  filename: string;
  pdf: Buffer;
}

/**
 * Certificates of attendance: a member's credits and their certificate (issued on its first download, once
 * available and earned, after the evaluation if required), the public verification of a code, and the organisers'
 * report, revocation and re-issue.
 */
export class CertificatesService {
  private readonly certificates: CertificatesRepository;

  constructor(private readonly ledger: CreditsLedger) {
    this.certificates = ledger.repository;
  }

  /** The certificates' rows, for what reads them beside the service (tests that order two requests). */
  get repository(): CertificatesRepository {
    return this.certificates;
  }

  private now(): number {
    return this.ledger.clock().getTime();
  }

  async myCredits(viewer: Viewer, summitId: string): Promise<MyCredits> {
    const summit = await this.ledger.summit(summitId, viewer);
    const { accreditation } = summit;
    if (!accreditation) {
      return {
        accredited: false,
        creditName: null,
        minimumPercent: null,
        issue: null,
        sessions: [],
        earnedCredits: 0,
        evaluation: { required: false, submitted: false },
        availableAt: null,
        days: [],
        certificates: [],
      };
    }
    const credits = await this.ledger.memberCredits(summit, viewer.id);
    const evaluation = await this.certificates.evaluation(summitId, viewer.id);
    const certificates = await this.certificates.certificatesOf(summitId, viewer.id);
    const first = summit.availability[0];
    return {
      accredited: true,
      creditName: accreditation.creditName,
      minimumPercent: accreditation.minimumPercent,
      issue: accreditation.issue,
      sessions: summit.sessions.map((session, index) => ({
        ...creditedSession(session),
        ...attended(credits[index] as SessionCredit),
      })),
      earnedCredits: hoursOf(earnedHundredths(credits)),
      evaluation: { required: accreditation.evaluation.required, submitted: evaluation !== undefined },
      availableAt: first ? iso(first.availableAt) : null,
      days:
        accreditation.issue === 'daily'
          ? summit.availability.map(({ day, availableAt }) => ({
              day: day ?? '',
              earnedCredits: hoursOf(earnedHundredths(credits, day)),
              availableAt: iso(availableAt),
            }))
          : [],
      certificates: certificates
        .filter((certificate) => certificate.status === 'valid')
        .map((certificate) => ({
          code: certificate.code,
          day: certificate.day,
          hours: hoursOf(certificate.creditHundredths),
          issuedAt: iso(certificate.issuedAt),
        })),
    };
  }

  /**
   * Which certificate a request names: the whole summit's ('end'), or a day's ('daily'). Without a day, a daily
   * summit's is the first day the member earned credits on that is available (else the first they earned on).
   */
  private scope(summit: AccreditedSummit, credits: readonly SessionCredit[], day: string | undefined): string | null {
    if (summit.accreditation.issue === 'end') {
      if (day !== undefined) {
        throw new InvalidInput('This summit issues one certificate for the whole summit: leave out the day.');
      }
      return null;
    }
    if (day !== undefined) {
      if (!summit.availability.some((entry) => entry.day === day)) {
        throw new NoCertificate(`No accredited session took place on ${day}.`);
      }
      return day;
    }
    const earned = summit.availability.filter((entry) => earnedHundredths(credits, entry.day) > 0);
    return (earned.find((entry) => entry.availableAt <= this.now()) ?? earned[0])?.day ?? null;
  }

  /** The caller's certificate as a PDF, issued on the first download once it may be. */
  async certificate(viewer: Viewer, summitId: string, day?: string): Promise<CertificateFile> {
    const summit = await this.ledger.summit(summitId, viewer);
    if (!isAccredited(summit) || summit.sessions.length === 0) {
      // A certificate issued before the accreditation was withdrawn stays what it was: its holder may still have it.
      const issued = (await this.certificates.certificatesOf(summitId, viewer.id)).find(
        (certificate) => certificate.status === 'valid' && certificate.day === (day ?? certificate.day),
      );
      if (issued) return this.file(issued.document);
      throw new NoCertificate('This summit awards no credits.');
    }
    const credits = await this.ledger.memberCredits(summit, viewer.id);
    const scope = this.scope(summit, credits, day);
    const theirs = (await this.certificates.certificatesOf(summitId, viewer.id)).filter((c) => c.day === scope);
    const valid = theirs.find((certificate) => certificate.status === 'valid');
    if (valid) return this.file(valid.document);
    if (theirs.some((certificate) => certificate.status === 'revoked')) {
      throw new NoCertificate('Your certificate was revoked by the organisers: ask them about it.');
    }
    // A daily summit's member who earned on no day yet may still earn until the last day's sessions end.
    const availableAt = this.ledger.availableAt(summit, scope) ?? summit.availability.at(-1)?.availableAt ?? null;
    const gate = certificateGate({
      availableAt,
      now: this.now(),
      earnedHundredths: earnedHundredths(credits, scope),
      evaluationRequired: summit.accreditation.evaluation.required,
      evaluationSubmitted: (await this.certificates.evaluation(summitId, viewer.id)) !== undefined,
    });
    switch (gate) {
      case 'not-ready':
        throw new CertificateNotReady(
          `The certificate can be downloaded from ${iso(availableAt ?? 0)}, once the last accredited session has ended.`,
        );
      case 'none-earned':
        throw new NoCertificate('You earned no credits at this summit.');
      case 'evaluation-required':
        throw new EvaluationRequired('Fill in the evaluation of this summit first: the certificate follows.');
      case 'ready':
        return this.file((await this.ledger.issue(summit, viewer.id, credits, scope)).document);
    }
  }

  private async file(document: CertificateDocument): Promise<CertificateFile> {
    // An instance installed without the fonts cannot draw names: it says so, and another instance may serve.
    const { missing } = certificateFonts();
    if (missing.length > 0)
      throw new Unavailable(`This instance lacks the certificate's fonts: ${missing.join(', ')}.`);
    return { filename: `certificate-${document.code}.pdf`, pdf: await renderCertificatePdf(document) };
  }

  private async find(code: string): Promise<CertificateRow> {
    const canonical = canonicalCode(code);
    const certificate = canonical ? await this.certificates.byCode(canonical) : undefined;
    if (!certificate) throw new NotFound('certificate', code);
    return certificate;
  }

  /** What a licensing body may check of a code: never the holder's e-mail address. */
  async verify(code: string): Promise<CertificateVerification> {
    return verification(await this.find(code));
  }

  async revoke(code: string, reason: string): Promise<CertificateVerification> {
    const certificate = await this.find(code);
    if (!(await this.certificates.revoke(certificate.code, reason.trim(), this.ledger.clock()))) {
      // Said of the certificate as it is now: revoked (or replaced) a moment ago by another organiser, perhaps.
      const current = (await this.certificates.byCode(certificate.code)) ?? certificate;
      throw new CertificateNotValid(`This certificate is ${current.status}: only a valid one can be revoked.`);
    }
    return this.verify(certificate.code);
  }

  /**
   * Issues a member's certificate again from what they earned now (after a correction of their name, or of the
   * attendance): the one it replaces, valid or revoked, then points at the new code. Without a day, a daily
   * summit's is the day of the member's latest certificate.
   */
  async reissue(organiser: Viewer, summitId: string, memberId: string, day?: string): Promise<CertificateVerification> {
    const summit = await this.ledger.accredited(summitId, organiser);
    // Only to name the day when none is given; which certificate is replaced is decided as it is issued.
    const theirs = (await this.certificates.certificatesOf(summitId, memberId)).filter((c) => c.status !== 'replaced');
    let scope: string | null = null;
    if (summit.accreditation.issue === 'end') {
      if (day !== undefined) throw new InvalidInput('This summit issues one certificate for the whole summit.');
    } else {
      scope = day ?? theirs.find((certificate) => certificate.day !== null)?.day ?? null;
      if (scope === null) throw new InvalidInput('Name the day of the certificate: ?day=YYYY-MM-DD.');
    }
    const credits = await this.ledger.memberCredits(summit, memberId);
    if (earnedHundredths(credits, scope) <= 0) throw new NoCertificate('This member earned no credits here.');
    const availableAt = this.ledger.availableAt(summit, scope);
    if (availableAt === null || this.now() < availableAt) {
      throw new CertificateNotReady('Certificates are issued once the last accredited session has ended.');
    }
    return verification(await this.ledger.issue(summit, memberId, credits, scope, true));
  }

  /** Who earned how many hours: registrants, and anyone else whose attendance was recorded. */
  async report(organiser: Viewer, summitId: string): Promise<CreditsReport> {
    const summit = await this.ledger.accredited(summitId, organiser);
    const registrants = await this.certificates.registrants(summitId);
    const modes = new Map(registrants.map((registrant) => [registrant.memberId, registrant.mode]));
    const everyone = await this.ledger.everyone(
      summit,
      registrants.map((registrant) => registrant.memberId),
    );
    const holders = await this.certificates.holders([...everyone.keys()]);
    const submitted = new Set((await this.certificates.evaluations(summitId)).map((row) => row.memberId));
    const latest = new Map<string, CertificateRow>();
    for (const certificate of await this.certificates.certificatesOfSummit(summitId)) {
      latest.set(certificate.memberId, certificate);
    }
    return {
      summitId,
      creditName: summit.accreditation.creditName,
      sessions: summit.sessions.map(creditedSession),
      rows: holders
        .map((holder) => {
          const credits = everyone.get(holder.memberId) ?? [];
          const certificate = latest.get(holder.memberId);
          return {
            memberId: holder.memberId,
            name: holder.name,
            institution: holder.institution,
            mode: modes.get(holder.memberId) ?? null,
            earnedCredits: hoursOf(earnedHundredths(credits)),
            sessions: credits.map(attended),
            evaluationSubmitted: submitted.has(holder.memberId),
            certificate: certificate
              ? { code: certificate.code, status: certificate.status, issuedAt: iso(certificate.issuedAt) }
              : null,
          };
        })
        .sort((a, b) => a.name.localeCompare(b.name) || a.memberId.localeCompare(b.memberId)),
    };
  }
}

/** What the member did of a session, as the contract says it. */
const attended = ({ sessionId, minutesPresent, checkedIn, earned }: SessionCredit): SessionAttended => ({
  sessionId,
  minutesPresent,
  checkedIn,
  earned,
});

function verification(certificate: CertificateRow): CertificateVerification {
  const { document } = certificate;
  return {
    valid: certificate.status === 'valid',
    status: certificate.status,
    name: document.name,
    summit: document.summitTitle,
    hours: hoursOf(certificate.creditHundredths),
    creditName: document.creditName,
    issuedAt: iso(certificate.issuedAt),
    day: certificate.day,
    startDate: document.startDate,
    endDate: document.endDate,
    revokedAt: certificate.revokedAt ? iso(certificate.revokedAt) : null,
    replacedBy: certificate.replacedBy,
  };
}
