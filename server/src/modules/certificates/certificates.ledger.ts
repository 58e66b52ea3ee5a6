import type { Database } from '@apoc/db';
import {
  accreditedSessions,
  certificateAvailability,
  earnedHundredths,
  hoursOf,
  sessionCredits,
  sessionSpan,
  settledIntervals,
  type Accreditation,
  type AgendaSession,
  type AccreditedSession,
  type Availability,
  type CertificateDocument,
  type CreditedSession,
  type Language,
  type MemberAttendance,
  type SessionCredit,
} from '@apoc/shared';
import type { Config } from '../../config';
import { NotFound } from '../../errors';
import { languageOf } from '../../i18n/locale';
import type { SummitRow } from '../summits/summits.repository';
import type { SummitsService, Viewer } from '../summits/summits.service';
import { isOrganiser } from '../summits/summits.service';
import { newCertificateCode } from './certificates.codes';
import { NotAccredited } from './certificates.errors';
import type { AttendanceRows, CertificateRow, CertificatesRepository, CreditHolder } from './certificates.repository';

/** A summit as credits count it: its accreditation and the accredited sessions of its latest published agenda. */
export interface SummitCredits {
  summit: SummitRow;
  accreditation: Accreditation | null;
  /** Scheduled, timed sessions with credits, as published; none before the first publication. */
  sessions: AccreditedSession[];
  /** When certificates become available: once, or per day. */
  availability: Availability[];
  /** The published agenda's first scheduled session's start: the evaluation opens then. */
  firstSessionStart: number | null;
}

/** The summit's title in a language: as organisers translated it, else as written. */
export const summitTitleIn = (summit: SummitRow, language: Language): string =>
  summit.translations[language]?.title?.trim() || summit.title;

/** An accredited session as the contract states it: its times as instants, its credits in hours. */
export const creditedSession = (session: AccreditedSession): CreditedSession => ({
  sessionId: session.id,
  title: session.title,
  startsAt: new Date(session.startsAt).toISOString(),
  endsAt: new Date(session.endsAt).toISOString(),
  credits: hoursOf(session.creditHundredths),
});

/** A summit with an accreditation. */
export type AccreditedSummit = SummitCredits & { accreditation: Accreditation };

export const isAccredited = (summit: SummitCredits): summit is AccreditedSummit => summit.accreditation !== null;

/**
 * What every side of certificates shares: which sessions count (as published), what each member earned from the
 * attendance the platform verified, and the issuing of a certificate with its frozen document.
 */
export class CreditsLedger {
  constructor(
    readonly db: Database,
    readonly repository: CertificatesRepository,
    readonly summits: SummitsService,
    private readonly config: Config,
    readonly clock: () => Date,
  ) {}

  /**
   * The summit as credits count it. Members and guests see only published summits they may see; organisers any,
   * a draft with no accredited session.
   */
  async summit(summitId: string, viewer: Viewer | null): Promise<SummitCredits> {
    const published = await this.summits.publishedAgendaOf(summitId);
    const summit = published?.summit ?? (isOrganiser(viewer) ? await this.summits.repository.find(summitId) : null);
    if (!summit) throw new NotFound('summit', summitId);
    await this.summits.assertGuestMaySee(viewer, summitId);
    return this.of(summit, published?.agenda.sessions ?? []);
  }

  /** The summit as credits count it, from its row and its latest published agenda's sessions. */
  of(summit: SummitRow, agenda: readonly AgendaSession[]): SummitCredits {
    const accreditation = summit.accreditation ?? null;
    const sessions = accreditation ? accreditedSessions(agenda, summit.timeZone) : [];
    const span = sessionSpan(agenda);
    return {
      summit,
      accreditation,
      sessions,
      availability: accreditation ? certificateAvailability(sessions, accreditation.issue) : [],
      firstSessionStart: span ? Date.parse(span.startsAt) : null,
    };
  }

  /** The summit, refused (409) when it is not accredited. */
  async accredited(summitId: string, viewer: Viewer | null): Promise<AccreditedSummit> {
    const credits = await this.summit(summitId, viewer);
    if (!isAccredited(credits)) throw new NotAccredited('This summit has no accreditation: it awards no credits.');
    return credits;
  }

  /** What one member earned of each accredited session. */
  async memberCredits(summit: SummitCredits, memberId: string): Promise<SessionCredit[]> {
    if (!summit.accreditation) return [];
    const rows = await this.repository.attendance(summit.summit.id, memberId);
    return this.creditsFrom(summit, rows, memberId, this.clock().getTime());
  }

  /** What everyone whose attendance was recorded earned (and these members, whatever they did), by member. */
  async everyone(summit: SummitCredits, also: readonly string[] = []): Promise<Map<string, SessionCredit[]>> {
    const rows = await this.repository.attendance(summit.summit.id);
    const members = new Set([...also, ...rows.presence.keys(), ...rows.checkIns.keys(), ...rows.scans.keys()]);
    // One moment for the whole report: an interval still open counts up to the same now for everyone.
    const now = this.clock().getTime();
    return new Map([...members].map((memberId) => [memberId, this.creditsFrom(summit, rows, memberId, now)]));
  }

  private creditsFrom(summit: SummitCredits, rows: AttendanceRows, memberId: string, now: number): SessionCredit[] {
    if (!summit.accreditation) return [];
    const presence = new Map(
      [...(rows.presence.get(memberId) ?? new Map())].map(([sessionId, recorded]) => [
        sessionId,
        settledIntervals(recorded, now),
      ]),
    );
    const attendance: MemberAttendance = {
      presence,
      checkedInDays: rows.checkIns.get(memberId) ?? new Set<string>(),
      scannedSessions: rows.scans.get(memberId) ?? new Set<string>(),
    };
    return sessionCredits(summit.sessions, attendance, summit.accreditation.minimumPercent, now);
  }

  /** When the certificate of `day` (null: the whole summit) becomes available; null when it never will. */
  availableAt(summit: SummitCredits, day: string | null): number | null {
    return summit.availability.find((entry) => entry.day === day)?.availableAt ?? null;
  }

  /** The public page that verifies a code. */
  verifyUrl(code: string): string {
    return new URL(`/certificates/${encodeURIComponent(code)}`, this.config.publicUrl).toString();
  }

  /** What a certificate states, frozen now: in the holder's language, the summit's title as translated into it. */
  document(
    summit: AccreditedSummit,
    holder: CreditHolder,
    credits: readonly SessionCredit[],
    day: string | null,
    code: string,
    issuedAt: Date,
  ): CertificateDocument {
    const language = languageOf(holder.language);
    const row = summit.summit;
    const earned = new Set(
      credits.filter((credit) => credit.earned && (day === null || credit.day === day)).map((c) => c.sessionId),
    );
    const venue = [row.venueName, row.venueCity].filter((part): part is string => Boolean(part)).join(', ');
    return {
      code,
      language,
      name: holder.name,
      institution: holder.institution,
      summitTitle: summitTitleIn(row, language),
      summitTimeZone: row.timeZone,
      startDate: row.startDate,
      endDate: row.endDate,
      day,
      venue: row.format === 'virtual' || !venue ? null : venue,
      sessions: summit.sessions.filter((session) => earned.has(session.id)).map(creditedSession),
      totalCredits: hoursOf(earnedHundredths(credits, day)),
      creditName: summit.accreditation.creditName,
      statement: summit.accreditation.statement,
      signatoryName: summit.accreditation.signatoryName,
      signatoryTitle: summit.accreditation.signatoryTitle,
      issuedAt: issuedAt.toISOString(),
      verifyUrl: this.verifyUrl(code),
    };
  }

  /**
   * Issues the member's certificate of `day` (null: the whole summit) from what they earned now, unless a valid one
   * exists already (that one is returned: issuing is idempotent). A re-issue (`reissue`) issues one anyway: the
   * certificate it replaces, valid or revoked, then points at it.
   */
  async issue(
    summit: AccreditedSummit,
    memberId: string,
    credits: readonly SessionCredit[],
    day: string | null,
    reissue = false,
  ): Promise<CertificateRow> {
    const [holder] = await this.repository.holders([memberId]);
    if (!holder) throw new NotFound('member', memberId);
    return this.db.unit(async () => {
      // Two first downloads at once (two tabs, two instances) issue one certificate.
      await this.db.lockKey(`certificate:${summit.summit.id}:${memberId}:${day ?? ''}`);
      if (!reissue) {
        const existing = await this.repository.validCertificate(summit.summit.id, memberId, day);
        if (existing) return existing;
      }
      const issuedAt = this.clock();
      const code = newCertificateCode();
      const row = {
        code,
        summitId: summit.summit.id,
        memberId,
        day,
        creditHundredths: earnedHundredths(credits, day),
        document: this.document(summit, holder, credits, day, code, issuedAt),
        issuedAt,
      };
      // What is replaced is decided once the key is held (the certificate nothing replaced yet), not from a row read
      // before: of two re-issues at once, the second replaces the one the first issued, as if it had come just
      // after, and one valid certificate remains.
      if (reissue) await this.repository.replaceCurrent(summit.summit.id, memberId, day, code);
      await this.repository.insertCertificate(row);
      return (await this.repository.byCode(code)) as CertificateRow;
    });
  }
}
