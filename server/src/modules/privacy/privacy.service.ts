import type { Database } from '@apoc/db';
import type { DataExport } from '@apoc/shared';
import { AlreadyErased, LastAdmin, NotFound } from '../../errors';
import type { Audit } from '../audit/audit.plugin';
import type { MembersRepository } from '../members/members.repository';
import type { RegistrationsService } from '../registrations/registrations.service';
import type { PrivacyRepository } from './privacy.repository';

/**
 * Members' data under their control (GDPR): the export of everything held about a person, and their erasure
 * (anonymised in place, not a soft delete: nothing of the person remains that could sign in or identify them).
 */
export class PrivacyService {
  constructor(
    private readonly db: Database,
    private readonly privacy: PrivacyRepository,
    private readonly members: MembersRepository,
    private readonly registrations: RegistrationsService,
    private readonly audit: Audit,
    private readonly clock: () => Date,
  ) {}

  async export(memberId: string, address: string): Promise<DataExport> {
    const member = await this.members.findById(memberId);
    if (!member) throw new NotFound('member', memberId);
    const data = await this.privacy.everythingAbout(memberId, member.email);
    await this.audit.record({ kind: 'data-exported', actorId: memberId, subjectId: memberId, address });
    return {
      exportedAt: this.clock().toISOString(),
      about:
        'Everything APoC Summits holds about you: your profile, registrations and their history, starred sessions, ' +
        'questions and votes, sign-ins (browsers, never their secrets), attendance and check-ins, evaluations, ' +
        'certificates, invitations, the e-mail sent to you and the security events about you.',
      data: JSON.parse(JSON.stringify(data)) as Record<string, unknown>,
    };
  }

  /**
   * Erases a person: their registrations are cancelled first (seats go on to the waitlist, as any cancellation),
   * then, in one transaction, their name, address and free text are replaced and what only served them removed.
   * A crash in between leaves cancelled registrations and a person still there: erasing again completes it.
   */
  async erase(memberId: string, actorId: string, address: string): Promise<void> {
    const member = await this.members.findById(memberId);
    if (!member) throw new NotFound('member', memberId);
    if (member.erasedAt) throw new AlreadyErased('This person was erased already.');
    if (member.role === 'admin' && member.active && (await this.members.activeAdminCount()) <= 1) {
      throw new LastAdmin('The last admin cannot be erased: make another member admin first.');
    }
    await this.registrations.cancelAllOf(memberId, { id: actorId });
    const now = this.clock();
    await this.db.unit(async () => {
      await this.privacy.erase(memberId, member.name, member.email, now);
      await this.audit.record({ kind: 'member-erased', actorId, subjectId: memberId, address });
    });
  }
}
