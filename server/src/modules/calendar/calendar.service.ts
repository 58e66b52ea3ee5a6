import { createHash, randomBytes } from 'node:crypto';
import { ZonedTime } from './calendar.time';
import ical, { ICalCalendarMethod, ICalEventStatus, type ICalCalendar } from 'ical-generator';
import type { AgendaSession, CalendarFeed, FeedScope } from '@apoc/shared';
import type { Config } from '../../config';
import { NotFound } from '../../errors';
import type { PublishedState, SummitsService } from '../summits/summits.service';
import { addressOf, calendarName, calendarPerson, PRODUCT_ID, sessionUid, vtimezone } from './calendar.ical';
import type { CalendarRepository } from './calendar.repository';

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
  // publication. Forgotten, not replaced, inside the publishing transaction: if it rolls back, the next
  // request reads the version that stands.
  private readonly latestVersions = new Map<string, { etag: string; lastModified: Date }>();

  constructor(
    private readonly calendar: CalendarRepository,
    private readonly summits: SummitsService,
    private readonly config: Config,
  ) {
    summits.onPublished(({ state }) => this.latestVersions.delete(state.summit.id));
  }

  private newCalendar(name: string, method = ICalCalendarMethod.PUBLISH): ICalCalendar {
    const calendar = ical({ prodId: PRODUCT_ID, method, name: calendarName(name), ttl: REFRESH_SECONDS });
    // No calendar-wide zone: each event names its summit's zone, and gets that zone's VTIMEZONE.
    calendar.timezone({ name: null, generator: vtimezone });
    return calendar;
  }

  /** `raised`: sessions whose SEQUENCE is one above the stored one (see `cancellationsCalendar`). */
  private addEvents(calendar: ICalCalendar, state: PublishedState, only?: Set<string>, raised?: Set<string>): void {
    const { summit, agenda, lastChanged, version } = state;
    const sequences = this.calendar.sequences(summit.id);
    const institutions = this.calendar.institutionNames();
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
          ? 'Online'
          : [room, summit.venueName, summit.venueCity].filter(Boolean).join(', ');
      const description = [
        session.abstract,
        speakers.length > 0 ? `Speakers: ${speakers.join(', ')}` : '',
        chairs.length > 0 ? `Chairs: ${chairs.join(', ')}` : '',
        track ? `Track: ${track}` : '',
        `${summit.title}: ${url}`,
      ]
        .filter(Boolean)
        .join('\n\n');
      calendar.createEvent({
        id: sessionUid(session.id, this.config.publicUrl),
        sequence: (sequences.get(session.id) ?? 0) + (raised?.has(session.id) ? 1 : 0),
        start: ZonedTime.of(session.startsAt, zone),
        end: ZonedTime.of(session.endsAt, zone),
        timezone: zone,
        stamp: version.publishedAt,
        lastModified: lastChanged.get(session.id) ?? version.publishedAt,
        summary: session.title,
        description,
        location,
        url,
        organizer,
        categories: track ? [{ name: track }] : [],
        status: session.status === 'cancelled' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      });
    }
  }

  /** A calendar holding some sessions of a published summit, e.g. the ones a change notice is about. */
  sessionsCalendar(state: PublishedState, sessionIds: Set<string>, name: string): string {
    const calendar = this.newCalendar(name);
    this.addEvents(calendar, state, sessionIds);
    return calendar.toString();
  }

  /**
   * A calendar cancelling sessions (`METHOD:CANCEL`, every event `STATUS:CANCELLED`): sessions the
   * published agenda shows cancelled, and sessions it no longer holds, as members last saw them.
   */
  cancellationsCalendar(state: PublishedState, sessions: AgendaSession[], name: string): string {
    const calendar = this.newCalendar(name, ICalCalendarMethod.CANCEL);
    const current = new Set(state.agenda.sessions.map((session) => session.id));
    // A session taken off the agenda left the feeds without a publication raising its SEQUENCE; calendar
    // applications ignore a cancellation that is not newer than the event they hold.
    const gone = new Set(sessions.filter((session) => !current.has(session.id)).map((session) => session.id));
    const cancelled = sessions.map((session) => ({ ...session, status: 'cancelled' as const }));
    this.addEvents(calendar, { ...state, agenda: { ...state.agenda, sessions: cancelled } }, undefined, gone);
    return calendar.toString();
  }

  /** The public feed of a published summit. */
  async summitFeed(summitId: string): Promise<Feed> {
    const state = await this.summits.published(summitId);
    if (!state) throw new NotFound('published summit', summitId);
    const cached = this.summitFeeds.get(summitId);
    if (cached?.versionId === state.version.id) return cached;
    const calendar = this.newCalendar(state.summit.title);
    this.addEvents(calendar, state);
    const feed = {
      body: calendar.toString(),
      etag: `"${state.version.id}"`,
      lastModified: state.version.publishedAt,
      versionId: state.version.id,
    };
    this.summitFeeds.set(summitId, feed);
    return feed;
  }

  /** The ETag a summit feed would have now, without building it (for the 304 path). */
  summitEtag(summitId: string): { etag: string; lastModified: Date } | null {
    const known = this.latestVersions.get(summitId);
    if (known) return known;
    const version = this.summits.latestVersionOf(summitId);
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
    this.addEvents(calendar, state, new Set([sessionId]));
    return {
      body: calendar.toString(),
      etag: `"${state.version.id}-${sessionId}"`,
      lastModified: state.lastChanged.get(sessionId) ?? state.version.publishedAt,
    };
  }

  private async summitOfSession(sessionId: string): Promise<string> {
    const summitId = this.summits.summitOfSession(sessionId);
    if (!summitId) throw new NotFound('session', sessionId);
    return summitId;
  }

  /** A member's own feed: their registered summits' agendas, or only the sessions they starred. */
  async personalFeed(token: string): Promise<Feed> {
    const owner = this.calendar.ownerOf(token);
    if (!owner) throw new NotFound('calendar feed', '…');
    const starred = this.calendar.starredSessions(owner.id);
    const summitIds =
      owner.feedScope === 'agenda'
        ? [...new Set([...this.calendar.registeredSummits(owner.id), ...starred.map((s) => s.summitId)])]
        : [...new Set(starred.map((s) => s.summitId))];
    const states = (await Promise.all(summitIds.map((id) => this.summits.published(id)))).filter(
      (state): state is PublishedState => state !== null,
    );
    const registered = new Set(this.calendar.registeredSummits(owner.id));
    const starredIds = new Set(starred.map((s) => s.sessionId));
    const calendar = this.newCalendar(`APoC Summits: ${owner.name}`);
    for (const state of states) {
      // The whole agenda of summits they registered for; elsewhere, only what they starred.
      const only = owner.feedScope === 'agenda' && registered.has(state.summit.id) ? undefined : starredIds;
      this.addEvents(calendar, state, only);
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

  /** The member's feed (made on first request), with subscribe links for the common calendar applications. */
  async myFeed(memberId: string): Promise<CalendarFeed> {
    const feed = this.calendar.feedOf(memberId);
    let token = feed.token;
    if (!token) {
      token = randomBytes(24).toString('base64url');
      this.calendar.setToken(memberId, token);
    }
    return { ...this.feedUrls(token), scope: feed.scope };
  }

  /** A new secret URL: the old one answers 404 from now on. */
  async regenerate(memberId: string) {
    this.calendar.setToken(memberId, randomBytes(24).toString('base64url'));
    return this.myFeed(memberId);
  }

  async setScope(memberId: string, scope: FeedScope) {
    this.calendar.setScope(memberId, scope);
    return this.myFeed(memberId);
  }
}
