import type { Database } from '@apoc/db';
import {
  currentZoneName,
  isValidTimeZone,
  MEMBER_ROLES,
  ROLE_RANK,
  type CreateMember,
  type DeactivateInactive,
  type DeactivationReport,
  type DirectoryMember,
  type ImportReport,
  type ImportRow,
  type Member,
  type MemberQuery,
  type MemberRole,
  type UpdateMember,
  type UpdateProfile,
} from '@apoc/shared';
import { EmailTaken, Forbidden, InvalidInput, NotFound } from '../../errors';
import { readCsv } from '../../spreadsheet';
import type { Audit } from '../audit/audit.plugin';
import type { MemberRow, MembersRepository, MemberWithZone } from './members.repository';

export function toMember(member: MemberWithZone): Member {
  return {
    id: member.id,
    email: member.email,
    name: member.name,
    role: member.role,
    institutionId: member.institutionId,
    timeZone: member.timeZone,
    effectiveTimeZone: member.effectiveTimeZone,
    reminders: member.reminders,
    language: member.language,
    active: member.active,
    createdAt: member.createdAt.toISOString(),
  };
}

const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:"]+$/;
const MAX_IMPORT_ROWS = 5000;
const DAY_MS = 24 * 3_600_000;

type Viewer = Pick<MemberWithZone, 'id' | 'role'>;

/** Called inside the transaction that deactivates a member, so that what listeners write commits with it. */
export type DeactivationListener = (memberId: string, now: Date) => Promise<unknown>;

export class MembersService {
  private readonly deactivationListeners: DeactivationListener[] = [];

  constructor(
    private readonly db: Database,
    readonly repository: MembersRepository,
    private readonly audit: Audit,
    private readonly clock: () => Date,
  ) {}

  /** Subscribes to deactivations (sign-ins end at once, not when their cookies expire). */
  onDeactivated(listener: DeactivationListener): void {
    this.deactivationListeners.push(listener);
  }

  async directory(viewer: Viewer, query: MemberQuery): Promise<DirectoryMember[]> {
    // Guests come from outside the network: they meet the people of their sessions, not the whole directory.
    if (viewer.role === 'guest') throw new Forbidden('Guests cannot browse the member directory.');
    const staff = ROLE_RANK[viewer.role] >= ROLE_RANK.organiser;
    const rows = await this.repository.directory({
      ...(query.q ? { q: query.q } : {}),
      ...(query.institutionId ? { institutionId: query.institutionId } : {}),
      includeInactive: viewer.role === 'admin' && query.includeInactive === true,
      matchEmail: staff,
    });
    // Members see names and institutions; organisers and admins also see how to reach people, and admins
    // when each last signed in (to tell a dormant account from an active one).
    const admin = viewer.role === 'admin';
    return rows.map((row: MemberRow) => ({
      id: row.id,
      name: row.name,
      role: row.role,
      institutionId: row.institutionId,
      ...(staff ? { email: row.email, active: row.active } : {}),
      ...(admin ? { lastSignedInAt: row.lastSignedInAt?.toISOString() ?? null } : {}),
    }));
  }

  private async checkPlacement(role: MemberRole, institutionId: string | null, timeZone: string | null): Promise<void> {
    if (role === 'guest' && institutionId)
      throw new InvalidInput('A guest comes from outside the network: no institution.');
    if (role === 'member' && !institutionId) throw new InvalidInput('A member belongs to one of the institutions.');
    if (institutionId && !(await this.repository.institutions()).some((i) => i.id === institutionId)) {
      throw new InvalidInput(`No institution has the id "${institutionId}".`);
    }
    if (timeZone && !isValidTimeZone(timeZone)) throw new InvalidInput(`"${timeZone}" is not an IANA time zone.`);
  }

  async create(input: CreateMember, actor: Viewer, address: string): Promise<Member> {
    const institutionId = input.institutionId ?? null;
    const timeZone = input.timeZone ?? null;
    await this.checkPlacement(input.role, institutionId, timeZone);
    const id = await this.db.unit(async () => {
      if (await this.repository.findByEmail(input.email)) return null;
      const created = await this.repository.create(
        {
          email: input.email.trim(),
          name: input.name.trim(),
          role: input.role,
          institutionId,
          timeZone,
        },
        this.clock(),
      );
      await this.audit.record({
        kind: 'member-created',
        actorId: actor.id,
        subjectId: created,
        address,
        detail: { role: input.role },
      });
      return created;
    });
    if (!id) throw new EmailTaken('A member with this e-mail address exists already.');
    return this.get(id);
  }

  async get(id: string): Promise<Member> {
    const member = await this.repository.findById(id);
    if (!member) throw new NotFound('member', id);
    return toMember(member);
  }

  async update(admin: Viewer, id: string, patch: UpdateMember, address = ''): Promise<Member> {
    const member = await this.repository.findById(id);
    if (!member) throw new NotFound('member', id);
    // An admin who demotes or deactivates themselves could leave the network with no admin at all.
    if (id === admin.id && ((patch.role && patch.role !== 'admin') || patch.active === false)) {
      throw new Forbidden('Admins cannot remove their own admin role or deactivate themselves; ask another admin.');
    }
    const role = patch.role ?? member.role;
    const institutionId = patch.institutionId === undefined ? member.institutionId : patch.institutionId;
    const timeZone = patch.timeZone === undefined ? member.timeZone : patch.timeZone;
    await this.checkPlacement(role, institutionId, timeZone);
    const email = patch.email?.trim();
    const newAddress = email !== undefined && email.toLowerCase() !== member.email.toLowerCase();
    const now = this.clock();
    await this.db.unit(async () => {
      if (newAddress && (await this.repository.findByEmail(email))) {
        throw new EmailTaken('Another member has this e-mail address already.');
      }
      await this.repository.update(
        id,
        {
          ...(patch.name ? { name: patch.name.trim() } : {}),
          ...(email ? { email } : {}),
          role,
          institutionId,
          timeZone,
          ...(patch.active === undefined ? {} : { active: patch.active }),
        },
        now,
      );
      // A deactivated member's browsers are signed out at once, not when their cookies expire.
      if (patch.active === false) for (const listener of this.deactivationListeners) await listener(id, now);
      const trail = { actorId: admin.id, subjectId: id, address };
      if (role !== member.role)
        await this.audit.record({ ...trail, kind: 'role-changed', detail: { from: member.role, to: role } });
      if (patch.active !== undefined && patch.active !== member.active) {
        await this.audit.record({ ...trail, kind: patch.active ? 'member-reactivated' : 'member-deactivated' });
      }
      // Links mailed to the old address (perhaps a mailbox the member lost) must not sign anyone in.
      if (newAddress) await this.repository.expireSignInLinks(id, now);
    });
    return this.get(id);
  }

  /**
   * Deactivates the active members not seen for `days` days (their last sign-in, or their creation if they never
   * signed in, is older), all in one transaction: their sign-ins end at once. The admin asking is never among them.
   */
  async deactivateInactive(admin: Viewer, input: DeactivateInactive, address = ''): Promise<DeactivationReport> {
    const dryRun = input.dryRun ?? false;
    const now = this.clock();
    const before = new Date(now.getTime() - input.days * DAY_MS);
    const filter = { exceptId: admin.id, ...(input.institutionId ? { institutionId: input.institutionId } : {}) };
    const deactivate = async () => {
      const unseen = await this.repository.unseenSince(before, filter);
      if (dryRun) return unseen;
      for (const member of unseen) {
        await this.repository.update(member.id, { active: false }, now);
        for (const listener of this.deactivationListeners) await listener(member.id, now);
        await this.audit.record({
          kind: 'member-deactivated',
          actorId: admin.id,
          subjectId: member.id,
          address,
          detail: { inactiveDays: input.days },
        });
      }
      return unseen;
    };
    const members = dryRun ? await deactivate() : await this.db.unit(deactivate);
    return {
      dryRun,
      days: input.days,
      before: before.toISOString(),
      count: members.length,
      members: members.map((member) => ({
        id: member.id,
        name: member.name,
        email: member.email,
        role: member.role,
        institutionId: member.institutionId,
        lastSignedInAt: member.lastSignedInAt?.toISOString() ?? null,
        createdAt: member.createdAt.toISOString(),
      })),
    };
  }

  async updateProfile(member: MemberWithZone, patch: UpdateProfile): Promise<Member> {
    if (patch.timeZone && !isValidTimeZone(patch.timeZone)) {
      throw new InvalidInput(`"${patch.timeZone}" is not an IANA time zone.`);
    }
    await this.repository.update(
      member.id,
      {
        ...(patch.name ? { name: patch.name.trim() } : {}),
        // Browsers may still name a zone the old way ("Asia/Calcutta"): accepted, stored by its current name.
        ...(patch.timeZone === undefined ? {} : { timeZone: patch.timeZone && currentZoneName(patch.timeZone) }),
        ...(patch.reminders ? { reminders: patch.reminders } : {}),
        ...(patch.language === undefined ? {} : { language: patch.language }),
      },
      this.clock(),
    );
    return this.get(member.id);
  }

  /**
   * Creates or updates members from CSV (name, email, institution, role), all rows in one transaction,
   * and reports what happened to each row and why.
   */
  async import(csv: string, dryRun: boolean, admin: Viewer, address = ''): Promise<ImportReport> {
    const records = readCsv(csv);
    const first = records[0];
    if (!first || !('email' in first) || !('name' in first)) {
      throw new InvalidInput(
        'The CSV needs a header row with at least the columns name and email (and institution, role).',
      );
    }
    if (records.length > MAX_IMPORT_ROWS) throw new InvalidInput(`At most ${MAX_IMPORT_ROWS} rows per import.`);

    const institutions = await this.repository.institutions();
    const findInstitution = (value: string) => {
      const wanted = value.toLowerCase();
      return institutions.find((i) => [i.id, i.name, i.shortName].some((name) => name.toLowerCase() === wanted));
    };

    const rows: ImportRow[] = [];
    const seen = new Set<string>();
    const now = this.clock();
    const importOne = async (record: (typeof records)[number], index: number) => {
      const line = index + 2;
      const email = (record.email ?? '').trim();
      const reject = (reason: string) => rows.push({ line, email, outcome: 'rejected', reason });
      const name = (record.name ?? '').trim();
      const roleText = (record.role ?? '').trim().toLowerCase() || 'member';
      const institutionText = (record.institution ?? '').trim();
      if (!EMAIL.test(email)) return reject('The e-mail address is not valid.');
      if (seen.has(email.toLowerCase())) return reject('This address appears earlier in the file.');
      seen.add(email.toLowerCase());
      if (!name) return reject('The name is empty.');
      if (!(MEMBER_ROLES as readonly string[]).includes(roleText)) {
        return reject(`Unknown role "${roleText}": use member, organiser, admin or guest.`);
      }
      const role = roleText as MemberRole;
      const institution = institutionText ? findInstitution(institutionText) : undefined;
      if (institutionText && !institution) return reject(`Unknown institution "${institutionText}".`);
      const institutionId = institution?.id ?? null;
      if (role === 'guest' && institutionId)
        return reject('A guest comes from outside the network: leave institution empty.');
      if (role === 'member' && !institutionId) return reject('A member needs an institution.');

      const existing = await this.repository.findByEmail(email);
      // The admin importing cannot lose their own role this way (nor leave the network without an admin).
      if (existing?.id === admin.id && role !== existing.role) {
        return reject('This row would change your own role: an admin cannot demote themselves; ask another admin.');
      }
      if (!existing) {
        const memberId = dryRun
          ? undefined
          : await this.repository.create({ email, name, role, institutionId, timeZone: null }, now);
        return rows.push({ line, email, outcome: 'created', ...(memberId ? { memberId } : {}) });
      }
      if (existing.name === name && existing.role === role && existing.institutionId === institutionId) {
        return rows.push({ line, email, outcome: 'unchanged', memberId: existing.id });
      }
      if (!dryRun) await this.repository.update(existing.id, { name, role, institutionId }, now);
      return rows.push({ line, email, outcome: 'updated', memberId: existing.id });
    };
    const apply = async () => {
      for (const [index, record] of records.entries()) await importOne(record, index);
    };
    if (dryRun) await apply();
    else
      await this.db.unit(async () => {
        await apply();
        const tally = (outcome: ImportRow['outcome']) => rows.filter((row) => row.outcome === outcome).length;
        await this.audit.record({
          kind: 'members-imported',
          actorId: admin.id,
          address,
          detail: { created: tally('created'), updated: tally('updated'), rejected: tally('rejected') },
        });
      });

    const count = (outcome: ImportRow['outcome']) => rows.filter((row) => row.outcome === outcome).length;
    return {
      dryRun,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      rejected: count('rejected'),
      rows,
    };
  }
}
