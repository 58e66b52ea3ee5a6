import { earnedHundredths, hoursOf } from '@apoc/shared';
import type { Config } from '../../config';
import type { Outbox } from '../outbox/outbox.plugin';
import type { NewMessage } from '../outbox/outbox.repository';
import type { JobRow } from '../reminders/reminders.repository';
import type { Outcome, RemindersService } from '../reminders/reminders.service';
import {
  isAccredited,
  summitTitleIn,
  type AccreditedSummit,
  type CreditsLedger,
  type SummitCredits,
} from './certificates.ledger';
import { certificateReady, evaluationNeeded, type CertificateNews } from './certificates.messages';

/** The scheduler's kind of job that tells members their certificates are available. */
export const CERTIFICATES_AVAILABLE = 'certificates-available';

interface AvailableJob {
  summitId: string;
  /** The day of a daily summit's certificates; null for the whole summit's. */
  day: string | null;
}

/**
 * The mail that certificates are available: one job per summit (per day when it issues them daily), planned when
 * the agenda or the accreditation changes and run by the scheduler once the last accredited session has ended.
 * Each member who earned credits then hears that their certificate is ready, or that the evaluation stands before it.
 */
export class CertificateMail {
  constructor(
    private readonly ledger: CreditsLedger,
    private readonly scheduler: RemindersService,
    private readonly outbox: Outbox,
    private readonly config: Config,
  ) {}

  private url(path: string): string {
    return new URL(path, this.config.publicUrl).toString();
  }

  /**
   * Plans (or moves) the summit's jobs to the moments its certificates become available. A job done stays done:
   * each summit (and day) is announced once. Joins the caller's unit of work.
   */
  async plan(summit: SummitCredits): Promise<void> {
    if (!summit.accreditation) return;
    for (const { day, availableAt } of summit.availability) {
      await this.scheduler.schedule({
        kind: CERTIFICATES_AVAILABLE,
        key: `${CERTIFICATES_AVAILABLE}:${summit.summit.id}${day ? `:${day}` : ''}`,
        runAt: new Date(availableAt),
        staleAt: null,
        payload: { summitId: summit.summit.id, day } satisfies AvailableJob,
      });
    }
  }

  /** Plans a published summit's jobs from what it is now (after a change of its accreditation, say). */
  async planSummit(summitId: string): Promise<void> {
    const published = await this.ledger.summits.publishedAgendaOf(summitId);
    if (published?.summit.accreditation) await this.plan(this.ledger.of(published.summit, published.agenda.sessions));
  }

  /** The scheduler's handler: mails each member who earned credits, once, when their certificate is available. */
  async run(job: JobRow, now: Date): Promise<Outcome> {
    const payload = JSON.parse(job.payload) as Partial<AvailableJob>;
    const published = payload.summitId ? await this.ledger.summits.publishedAgendaOf(payload.summitId) : null;
    const summit = published ? this.ledger.of(published.summit, published.agenda.sessions) : null;
    const day = payload.day ?? null;
    // The accreditation was removed or changed how it issues since: nothing to say about this job's certificates.
    if (!summit || !isAccredited(summit) || (summit.accreditation.issue === 'daily') !== (day !== null)) {
      return (await this.scheduler.finish(job.id, 'skipped', now)) ? 'skipped' : 'left';
    }
    const availableAt = this.ledger.availableAt(summit, day);
    if (availableAt === null) return (await this.scheduler.finish(job.id, 'skipped', now)) ? 'skipped' : 'left';
    // The agenda moved its sessions later: the job waits for them.
    if (availableAt > now.getTime()) {
      await this.plan(summit);
      return 'left';
    }
    const messages = await this.messages(summit, day);
    return this.ledger.db.unit(async () => {
      if (!(await this.scheduler.finish(job.id, messages.length > 0 ? 'done' : 'skipped', now))) return 'left';
      for (const message of messages) await this.outbox.repository.enqueue(message);
      return messages.length > 0 ? 'done' : 'skipped';
    });
  }

  private async messages(summit: AccreditedSummit, day: string | null): Promise<NewMessage[]> {
    const id = summit.summit.id;
    const earned = new Map(
      [...(await this.ledger.everyone(summit))]
        .map(([memberId, credits]) => [memberId, earnedHundredths(credits, day)] as const)
        .filter(([, hundredths]) => hundredths > 0),
    );
    const submitted = new Set((await this.ledger.repository.evaluations(id)).map((row) => row.memberId));
    const holders = await this.ledger.repository.holders([...earned.keys()]);
    const download = `/api/summits/${id}/certificate${day ? `?day=${day}` : ''}`;
    return holders
      .filter((holder) => holder.active)
      .map((holder) => {
        const news: CertificateNews = {
          summitTitle: (language) => summitTitleIn(summit.summit, language),
          hours: hoursOf(earned.get(holder.memberId) ?? 0),
          creditName: summit.accreditation.creditName,
          day,
          registrationsUrl: this.url('/me/registrations'),
          downloadUrl: this.url(download),
          evaluationUrl: this.url(`/summits/${id}/evaluation`),
        };
        return summit.accreditation.evaluation.required && !submitted.has(holder.memberId)
          ? evaluationNeeded(holder, news)
          : certificateReady(holder, news);
      });
  }
}
