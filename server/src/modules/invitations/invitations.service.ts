import type { Database } from '@apoc/db';
import { formatCalendarDate, zoneLabel, type Invitation } from '@apoc/shared';
import type { Config } from '../../config';
import { InvalidInput, NotFound } from '../../errors';
import { languageOf, m } from '../../i18n/locale';
import type { Audit } from '../audit/audit.plugin';
import type { MembersRepository } from '../members/members.repository';
import type { Outbox } from '../outbox/outbox.plugin';
import { mailLocale, renderMail } from '../outbox/outbox.layout';
import type { SummitsRepository } from '../summits/summits.repository';
import type { InvitationsRepository } from './invitations.repository';

/**
 * Organisers invite guests (people from outside the network) to a summit. A guest sees, and registers for,
 * only the summits they are invited to or speak at; the invitation is mailed to them through the outbox.
 */
export class InvitationsService {
  constructor(
    private readonly db: Database,
    private readonly invitations: InvitationsRepository,
    private readonly summits: SummitsRepository,
    private readonly members: MembersRepository,
    private readonly outbox: Outbox,
    private readonly audit: Audit,
    private readonly config: Config,
    private readonly clock: () => Date,
  ) {}

  async list(summitId: string): Promise<Invitation[]> {
    if (!(await this.summits.find(summitId))) throw new NotFound('summit', summitId);
    return (await this.invitations.list(summitId)).map((row) => ({ ...row, invitedAt: row.invitedAt.toISOString() }));
  }

  async invite(summitId: string, memberId: string, organiserId: string, address: string): Promise<Invitation> {
    const summit = await this.summits.find(summitId);
    if (!summit) throw new NotFound('summit', summitId);
    const guest = await this.members.findById(memberId);
    if (!guest) throw new NotFound('member', memberId);
    if (guest.role !== 'guest') {
      throw new InvalidInput(`${guest.name} is a ${guest.role} of the network and sees every summit already.`);
    }
    const now = this.clock();
    const link = new URL(`/summits/${summit.id}`, this.config.publicUrl).toString();
    const locale = languageOf(guest.language);
    // English mail has always given the dates as written (2027-03-10); other languages write them their way.
    const date = (day: string) => (locale === 'en' ? day : formatCalendarDate(day, mailLocale(locale)));
    const mail = renderMail({
      language: locale,
      greeting: m.mail_greeting_hello({ name: guest.name }, { locale }),
      paragraphs: [
        m.mail_invitation_intro(
          {
            summit: summit.title,
            start: date(summit.startDate),
            end: date(summit.endDate),
            zone: zoneLabel(summit.timeZone, mailLocale(locale)),
          },
          { locale },
        ),
        m.mail_invitation_sign_in({}, { locale }),
      ],
      action: { label: m.mail_invitation_action({}, { locale }), url: link },
    });
    await this.db.unit(async () => {
      if (!(await this.invitations.add(summitId, memberId, organiserId, now))) return;
      await this.outbox.repository.enqueue(
        {
          kind: 'invitation',
          recipient: guest.email,
          subject: m.mail_invitation_subject({ summit: summit.title }, { locale }),
          ...mail,
        },
        now,
      );
      await this.audit.record({
        kind: 'guest-invited',
        actorId: organiserId,
        subjectId: memberId,
        address,
        detail: { summitId },
      });
    });
    this.outbox.kick();
    const invitation = (await this.invitations.list(summitId)).find((row) => row.memberId === memberId);
    if (!invitation) throw new NotFound('invitation', memberId);
    return { ...invitation, invitedAt: invitation.invitedAt.toISOString() };
  }

  async withdraw(summitId: string, memberId: string): Promise<void> {
    if (!(await this.invitations.remove(summitId, memberId))) throw new NotFound('invitation', memberId);
  }
}
