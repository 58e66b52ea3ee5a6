import type { Database } from '@apoc/db';
import {
  ROLE_RANK,
  type Announcement,
  type AnnouncementPreview,
  type AnnouncementPreviewRequest,
  type CreateAnnouncement,
} from '@apoc/shared';
import type { Config } from '../../config';
import { AnnouncementRepeated, InvalidInput, NoRecipients, NotFound, SummitNotPublished } from '../../errors';
import type { MemberWithZone } from '../members/members.repository';
import type { Outbox } from '../outbox/outbox.plugin';
import type { SummitRow, SummitsRepository } from '../summits/summits.repository';
import { recipientsOf, reaches } from './announcements.audience';
import * as messages from './announcements.messages';
import type { Addressee, AnnouncementWithAuthor, AnnouncementsRepository } from './announcements.repository';
import { cleanAnnouncementTranslations } from './announcements.translations';

/** An identical announcement to the same people within this time is a double click, not a new message. */
export const DUPLICATE_WINDOW_MS = 10 * 60_000;

type Viewer = Pick<MemberWithZone, 'id' | 'role'>;
type Author = Pick<MemberWithZone, 'id' | 'name'>;

function view(row: AnnouncementWithAuthor): Announcement {
  return {
    id: row.id,
    summitId: row.summitId,
    title: row.title,
    body: row.body,
    translations: row.translations,
    audience: row.audience,
    institutionId: row.institutionId,
    author: { id: row.authorId, name: row.authorName },
    recipientCount: row.recipientCount,
    createdAt: row.createdAt.toISOString(),
  };
}

export class AnnouncementsService {
  constructor(
    private readonly db: Database,
    private readonly announcements: AnnouncementsRepository,
    private readonly summits: SummitsRepository,
    private readonly outbox: Outbox,
    private readonly config: Config,
    private readonly clock: () => Date,
  ) {}

  private async summit(id: string): Promise<SummitRow> {
    const summit = await this.summits.find(id);
    if (!summit) throw new NotFound('summit', id);
    return summit;
  }

  /** The audience, checked: an institution exactly when the audience is `institution`, and one that exists. */
  private async addressee(input: AnnouncementPreviewRequest): Promise<Addressee & { institutionName: string | null }> {
    if (input.audience !== 'institution') {
      if (input.institutionId !== undefined) {
        throw new InvalidInput('Choose an institution only when writing to one institution.');
      }
      return { audience: input.audience, institutionId: null, institutionName: null };
    }
    if (input.institutionId === undefined) throw new InvalidInput('Choose the institution to write to.');
    const institution = await this.announcements.institution(input.institutionId);
    if (!institution) throw new InvalidInput(`No institution has the id "${input.institutionId}".`);
    return { audience: 'institution', institutionId: institution.id, institutionName: institution.name };
  }

  /** How many members an announcement to this audience would reach now (any summit an organiser sees). */
  async preview(summitId: string, input: AnnouncementPreviewRequest): Promise<AnnouncementPreview> {
    const summit = await this.summit(summitId);
    const to = await this.addressee(input);
    return { recipients: recipientsOf(to, await this.announcements.seatHolders(summit.id)).length };
  }

  /**
   * Records the announcement and queues one e-mail per recipient in one unit of work: either everyone's mail is
   * queued with it, or nothing is written at all.
   */
  async send(author: Author, summitId: string, input: CreateAnnouncement): Promise<Announcement> {
    const summit = await this.summit(summitId);
    // Nobody can register for a draft (registration opens when it is published), so it has nobody to write to.
    if (summit.status === 'draft')
      throw new SummitNotPublished('Publish the summit first: a draft has no registrants.');
    const to = await this.addressee(input);
    const title = input.title.trim();
    const body = input.body.trim();
    const translations = cleanAnnouncementTranslations(input.translations);
    const now = this.clock();

    const row = await this.db.unit(async () => {
      // The original words decide, whatever the translations: those without one would read the same mail twice.
      if (
        await this.announcements.sentSince(
          summit.id,
          { title, body },
          to,
          new Date(now.getTime() - DUPLICATE_WINDOW_MS),
        )
      ) {
        throw new AnnouncementRepeated('This announcement was sent to the same people less than 10 minutes ago.');
      }
      const recipients = recipientsOf(to, await this.announcements.seatHolders(summit.id));
      if (recipients.length === 0) {
        throw new NoRecipients(
          'Nobody holding a place at this summit matches this audience: there is no one to send to.',
        );
      }
      const fields = {
        summitId: summit.id,
        authorId: author.id,
        title,
        body,
        translations,
        audience: to.audience,
        institutionId: to.institutionId,
        recipientCount: recipients.length,
        createdAt: now,
      };
      const id = await this.announcements.insert(fields);
      const context: messages.AnnouncementContext = {
        summit,
        title,
        body,
        translations,
        audience: to.audience,
        institutionName: to.institutionName,
        authorName: author.name,
        publicUrl: this.config.publicUrl,
      };
      // One mail each, in their language where the organiser gave it. Delivery runs on real time, whatever the
      // platform clock says (tests move that one).
      for (const recipient of recipients)
        await this.outbox.repository.enqueue(messages.announcement(context, recipient));
      return { id, ...fields, sequence: 0, authorName: author.name };
    });
    this.outbox.kick();
    return view(row);
  }

  /**
   * The summit's announcements the caller may read, newest first: organisers see all of them; a member
   * holding a seat sees those whose audience includes them now; everyone else sees none.
   */
  async list(viewer: Viewer | null, summitId: string): Promise<Announcement[]> {
    const summit = await this.summits.find(summitId);
    const organiser = viewer !== null && ROLE_RANK[viewer.role] >= ROLE_RANK.organiser;
    if (!summit || (summit.status === 'draft' && !organiser)) throw new NotFound('summit', summitId);
    if (organiser) return (await this.announcements.list(summit.id)).map(view);
    const registrant = viewer && (await this.announcements.seatHolder(summit.id, viewer.id));
    if (!registrant) return [];
    return (await this.announcements.list(summit.id)).filter((row) => reaches(row, registrant)).map(view);
  }
}
