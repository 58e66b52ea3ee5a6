import { createHash, randomBytes } from 'node:crypto';
import { eventTimes } from './calendar.time';
import ical, {
  ICalAttendeeRole,
  ICalAttendeeStatus,
  ICalCalendarMethod,
  ICalEventStatus,
  ICalEventTransparency,
  type ICalAttendeeData,
  type ICalCalendar,
} from 'ical-generator';
import { addDays, type AgendaSession, type CalendarFeed, type FeedScope, type Language } from '@apoc/shared';
import type { Config } from '../../config';
import { NotFound } from '../../errors';
import { languageOf, m } from '../../i18n/locale';
import type { PublishedState, SummitsService } from '../summits/summits.service';
import { addressOf, calendarName, calendarPerson, PRODUCT_ID, sessionUid, summitUid } from './calendar.ical';
import { vtimezone } from './calendar.vtimezone';
import type { CalendarRepository } from './calendar.repository';

interface EventOptions {
  /** Only these sessions. */
  only?: Set<string>;
  /** Sessions whose SEQUENCE is one above the stored one (see `cancellationsCalendar`). */
  raised?: Set<string>;
  /** The member an invitation is for. */
  attendee?: ICalAttendeeData;
  /** The language of the words the platform adds ("Speakers: …", "Online"): the member's; English by default. */
  language?: Language;
}

export interface Feed {
  body: string;
  etag: string;
  lastModified: Date;
}

/** One hour: how often calendar applications are asked to refresh (REFRESH-INTERVAL, X-PUBLISHED-TTL). */
const REFRESH_SECONDS = 3600;

/**
 * iCalendar feeds of published agendas: a summit's (public), a member's own (secret token), one
 * session's. Events keep one UID for ever, carry the SEQUENCE of published changes, and stay in the
 * feed as CANCELLED when cancelled, so every calendar application follows the agenda as it changes.
 */
export class CalendarService {
  // A summit feed changes only when a new version is published: keep the latest one per summit.
  private readonly summitFeeds = new Map<string, Feed & { versionId: string }>();
  // Calendar applications poll feeds that rarely change: the 304 answer needs only the latest version,
  // which is kept here (published summits only, so that unknown ids cannot fill it) until the next
  // publication. Forgotten, not replaced, once the publication has committed: a request in between still
  // reads the version that stood.
  private readonly latestVersions = new Map<string, { etag: string; lastModified: Date }>();

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly summits: SummitsService,
    private readonly config: Config,
    private readonly clock: () => Date,
  ) {
    // Once a publication commits, here or on another instance: forgotten before it, a feed read in between would
    // have kept the previous version.
    summits.onStale((summitId) => this.forget(summitId));
  }

  private newCalendar(name: string, method = ICalCalendarMethod.PUBLISH): ICalCalendar {
    const calendar = ical({ prodId: PRODUCT_ID, method, name: calendarName(name), ttl: REFRESH_SECONDS });
    // No calendar-wide zone: each event names its summit's zone, and gets that zone's VTIMEZONE.
    calendar.timezone({ name: null, generator: vtimezone });
    return calendar;
  }

  private async addEvents(calendar: ICalCalendar, state: PublishedState, options: EventOptions = {}): Promise<void> {
    const { only, raised, attendee, language: locale = 'en' } = options;
    const { summit, agenda, lastChanged, version } = state;
    const sequences = await this.calendar.sequences(summit.id);
    const institutions = await this.calendar.institutionNames();
    const tracks = new Map(agenda.tracks.map((track) => [track.id, track.name]));
    const rooms = new Map(agenda.rooms.map((room) => [room.id, room.name]));
    const organizer = calendarPerson(addressOf(this.config.mailFrom));
    const zone = summit.timeZone;
    // Session ids are URL-safe ([A-Za-z0-9_-]): the pages' URLs need no parsing each.
    const sessionPages = new URL('/sessions/', this.config.publicUrl).toString();
    const named = (person: AgendaSession['people'][number]) => {
      const institution = person.institutionId ? institutions.get(person.institutionId) : undefined;
      return institution ? `${person.name} (${institution})` : person.name;
    };
    for (const session of agenda.sessions) {
      if (!session.startsAt || !session.endsAt || (only && !only.has(session.id))) continue;
      const url = `${sessionPages}${session.id}`;
      const speakers = session.people.filter((person) => person.role === 'speaker').map(named);
      const chairs = session.people.filter((person) => person.role === 'chair').map(named);
      const track = session.trackId ? tracks.get(session.trackId) : undefined;
      const room = session.roomId ? rooms.get(session.roomId) : undefined;
      const location =
        summit.format === 'virtual' || (!room && summit.format === 'hybrid')
          ? m.mail_calendar_online({}, { locale })
          : [room, summit.venueName, summit.venueCity].filter(Boolean).join(', ');
      const description = [
        session.abstract,
        speakers.length > 0 ? m.mail_calendar_speakers({ names: speakers.join(', ') }, { locale }) : '',
        chairs.length > 0 ? m.mail_calendar_chairs({ names: chairs.join(', ') }, { locale }) : '',
        track ? m.mail_calendar_track({ track }, { locale }) : '',
        m.mail_calendar_page({ summit: summit.title, url }, { locale }),
      ]
        .filter(Boolean)
        .join('\n\n');
      calendar.createEvent({
        id: sessionUid(session.id, this.config.publicUrl),
        sequence: (sequences.get(session.id) ?? 0) + (raised?.has(session.id) ? 1 : 0),
        ...eventTimes(session.startsAt, session.endsAt, zone),
        stamp: version.publishedAt,
        lastModified: lastChanged.get(session.id) ?? version.publishedAt,
        // A feed may hold several summits, each with its "Coffee break": a break says whose it is.
        summary: session.kind === 'break' ? `${session.title} · ${summit.title}` : session.title,
        description,
        location,
        url,
        organizer,
        categories: track ? [{ name: track }] : [],
        status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
        attendees: attendee ? [attendee] : [],
      });
    }
  }

  /**
   * A calendar holding some sessions of a published summit, e.g. the ones a change notice is about, with the
   * words the platform adds in the recipient's language.
   */
  async sessionsCalendar(
    state: PublishedState,
    sessionIds: Set<string>,
    name: string,
    language: Language = 'en',
  ): Promise<string> {
    const calendar = this.newCalendar(name);
    await this.addEvents(calendar, state, { only: sessionIds, language });
    return calendar.toString();
  }

  /**
   * A calendar cancelling sessions (`METHOD:CANCEL`, every event `STATUS:CANCELLED`): sessions the
   * published agenda shows cancelled, and sessions it no longer holds, as members last saw them.
   */
  async cancellationsCalendar(
    state: PublishedState,
    sessions: AgendaSession[],
    name: string,
    language: Language = 'en',
  ): Promise<string> {
    const calendar = this.newCalendar(name, ICalCalendarMethod.CANCEL);
    const current = new Set(state.agenda.sessions.map((session) => session.id));
    // A session taken off the agenda left the feeds without a publication raising its SEQUENCE; calendar
    // applications ignore a cancellation that is not newer than the event they hold.
    const gone = new Set(sessions.filter((session) => !current.has(session.id)).map((session) => session.id));
    const cancelled = sessions.map((session) => ({ ...session, status: 'cancelled' as const }));
    await this.addEvents(
      calendar,
      { ...state, agenda: { ...state.agenda, sessions: cancelled } },
      { raised: gone, language },
    );
    return calendar.toString();
  }

  /**
   * A registered member's invitation (`METHOD:REQUEST`): one event per session that takes place, with the
   * feeds' UIDs and SEQUENCEs, so that it marks them busy only while sessions run, a calendar that also
   * subscribes to a feed holds each session once, and the change notices' calendars update these events.
   * Before any session is scheduled, one all-day event over the summit's dates that keeps them free. The words
   * the platform adds are in the member's language.
   */
  async invitation(
    summitId: string,
    attendee: { name: string; email: string },
    language: Language = 'en',
  ): Promise<string> {
    const published = await this.summits.publishedAgendaOf(summitId);
    if (!published) throw new NotFound('published summit', summitId);
    const { summit, agenda } = published;
    const calendar = this.newCalendar(summit.title, ICalCalendarMethod.REQUEST);
    const person = {
      ...calendarPerson(attendee),
      role: ICalAttendeeRole.REQ,
      status: ICalAttendeeStatus.ACCEPTED,
      rsvp: false,
    };
    const taking = agenda.sessions.filter((session) => session.status === 'scheduled' && session.startsAt);
    if (taking.length > 0) {
      const state = { ...published, lastChanged: new Map<string, Date>() };
      await this.addEvents(calendar, state, {
        only: new Set(taking.map((session) => session.id)),
        attendee: person,
        language,
      });
      return calendar.toString();
    }
    calendar.createEvent({
      id: summitUid(summit.id, this.config.publicUrl),
      allDay: true,
      start: summit.startDate,
      end: addDays(summit.endDate, 1),
      stamp: this.clock(),
      summary: summit.title,
      description: m.mail_calendar_unpublished({}, { locale: language }),
      url: new URL(`/summits/${summit.id}`, this.config.publicUrl).toString(),
      transparency: ICalEventTransparency.TRANSPARENT,
      organizer: calendarPerson(addressOf(this.config.mailFrom)),
      attendees: [person],
    });
    return calendar.toString();
  }

  /** The public feed of a published summit. */
  async summitFeed(summitId: string): Promise<Feed> {
    const state = await this.summits.published(summitId);
    if (!state) throw new NotFound('published summit', summitId);
    const cached = this.summitFeeds.get(summitId);
    if (cached?.versionId === state.version.id) return cached;
    const calendar = this.newCalendar(state.summit.title);
    await this.addEvents(calendar, state);
    const feed = {
      body: calendar.toString(),
      etag: `"${state.version.id}"`,
      lastModified: state.version.publishedAt,
      versionId: state.version.id,
    };
    this.summitFeeds.set(summitId, feed);
    return feed;
  }

  /** Forgets what this instance knew of a summit's latest version (null: of every summit's). */
  forget(summitId: string | null): void {
    if (summitId === null) this.latestVersions.clear();
    else this.latestVersions.delete(summitId);
  }

  /** The ETag a summit feed would have now, without building it (for the 304 path). */
  async summitEtag(summitId: string): Promise<{ etag: string; lastModified: Date } | null> {
    const known = this.latestVersions.get(summitId);
    if (known) return known;
    const version = await this.summits.latestVersionOf(summitId);
    if (!version) return null;
    const current = { etag: `"${version.id}"`, lastModified: version.publishedAt };
    this.latestVersions.set(summitId, current);
    return current;
  }

  async sessionFeed(sessionId: string): Promise<Feed> {
    const published = await this.summits.publishedSession(await this.summitOfSession(sessionId), sessionId);
    if (!published) throw new NotFound('published session', sessionId);
    const state = await this.summits.published(published.session.summitId);
    if (!state) throw new NotFound('published session', sessionId);
    const calendar = this.newCalendar(published.session.title);
    await this.addEvents(calendar, state, { only: new Set([sessionId]) });
    return {
      body: calendar.toString(),
      etag: `"${state.version.id}-${sessionId}"`,
      lastModified: state.lastChanged.get(sessionId) ?? state.version.publishedAt,
    };
  }

  private async summitOfSession(sessionId: string): Promise<string> {
    const summitId = await this.summits.summitOfSession(sessionId);
    if (!summitId) throw new NotFound('session', sessionId);
    return summitId;
  }

  /**
   * A member's own feed: their registered summits' agendas, or only the sessions they starred. Its name and the
   * words the platform adds are in the member's language; titles stay as written.
   */
  async personalFeed(token: string): Promise<Feed> {
    const owner = await this.calendar.ownerOf(token);
    if (!owner) throw new NotFound('calendar feed', '…');
    const starred = await this.calendar.starredSessions(owner.id);
    const summitIds =
      owner.feedScope === 'agenda'
        ? [...new Set([...(await this.calendar.registeredSummits(owner.id)), ...starred.map((s) => s.summitId)])]
        : [...new Set(starred.map((s) => s.summitId))];
    const states = (await Promise.all(summitIds.map((id) => this.summits.published(id)))).filter(
      (state): state is PublishedState => state !== null,
    );
    const registered = new Set(await this.calendar.registeredSummits(owner.id));
    const starredIds = new Set(starred.map((s) => s.sessionId));
    const language = languageOf(owner.language);
    const calendar = this.newCalendar(m.mail_calendar_name({ name: owner.name }, { locale: language }));
    for (const state of states) {
      // The whole agenda of summits they registered for; elsewhere, only what they starred.
      const only = owner.feedScope === 'agenda' && registered.has(state.summit.id) ? undefined : starredIds;
      await this.addEvents(calendar, state, { only, language });
    }
    const body = calendar.toString();
    const lastModified = new Date(Math.max(0, ...states.map((state) => state.version.publishedAt.getTime())));
    return {
      body,
      etag: `"${createHash('sha256')
        .update(body.replace(/^DTSTAMP.*$/gm, ''))
        .digest('base64url')
        .slice(0, 27)}"`,
      lastModified,
    };
  }

  private feedUrls(token: string) {
    const https = new URL(`/api/calendar/${token}.ics`, this.config.publicUrl);
    const webcal = `webcal://${https.host}${https.pathname}`;
    return {
      url: https.toString(),
      webcalUrl: webcal,
      googleUrl: `https://calendar.google.com/calendar/render?cid=${encodeURIComponent(webcal)}`,
      outlookUrl: `https://outlook.live.com/calendar/0/addfromweb?url=${encodeURIComponent(https.toString())}&name=${encodeURIComponent('APoC Summits')}`,
    };
  }

  /**
   * Whether the member has a feed, and what it holds. Its address is not here: only a hash of its secret is
   * kept, so the address is shown once, in the answer that makes it.
   */
  async myFeed(memberId: string): Promise<CalendarFeed> {
    return this.calendar.feedOf(memberId);
  }

  /** A new secret URL, with subscribe links, shown this once; an earlier one answers 404 from now on. */
  async regenerate(memberId: string): Promise<CalendarFeed> {
    const token = randomBytes(24).toString('base64url');
    await this.calendar.setToken(memberId, token);
    return { ...(await this.calendar.feedOf(memberId)), ...this.feedUrls(token) };
  }

  async setScope(memberId: string, scope: FeedScope) {
    await this.calendar.setScope(memberId, scope);
    return this.myFeed(memberId);
  }
}
