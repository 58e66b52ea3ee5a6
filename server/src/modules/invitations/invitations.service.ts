import type { Database } from '@apoc/db';
import { zoneLabel, type Invitation } from '@apoc/shared';
import type { Config } from '../../config';
import { InvalidInput, NotFound } from '../../errors';
import type { Audit } from '../audit/audit.plugin';
import type { MembersRepository } from '../members/members.repository';
import type { Outbox } from '../outbox/outbox.plugin';
import { renderMail } from '../outbox/outbox.layout';
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
    const mail = renderMail({
      greeting: `Hello ${guest.name},`,
      paragraphs: [
        `You are invited to ${summit.title}, from ${summit.startDate} to ${summit.endDate} (dates in ${zoneLabel(summit.timeZone)}).`,
        'Sign in with this address to see its agenda in your own time zone and to register.',
      ],
      action: { label: 'Open the summit', url: link },
    });
    await this.db.unit(async () => {
      if (!(await this.invitations.add(summitId, memberId, organiserId, now))) return;
      await this.outbox.repository.enqueue(
        { kind: 'invitation', recipient: guest.email, subject: `Invitation: ${summit.title}`, ...mail },
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
