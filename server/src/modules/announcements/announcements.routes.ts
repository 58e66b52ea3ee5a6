import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  Announcement,
  AnnouncementList,
  AnnouncementPreview,
  AnnouncementPreviewRequest,
  CreateAnnouncement,
  IdParams,
  Problem,
} from '@apoc/shared';
import { signedInMember } from '../auth/auth.plugin';
import { Failures, Refusals } from '../../schemas';

const announcementsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const announcements = app.announcements;

  app.post(
    '/api/summits/:id/announcements',
    {
      schema: {
        tags: ['announcements'],
        summary: 'Write to the registrants holding a place (all, one mode or one institution): one e-mail each',
        params: IdParams,
        body: CreateAnnouncement,
        response: { 201: Announcement, ...Refusals, 429: Problem },
      },
      // Each call mails up to every registrant: a script or a stuck button must not flood their inboxes.
      config: {
        access: 'organiser',
        rateLimit: { max: 20, timeWindow: 15 * 60_000, keyGenerator: (request) => request.member?.id ?? request.ip },
      },
    },
    async (request, reply) => {
      const announcement = await announcements.send(signedInMember(request), request.params.id, request.body);
      // Ids and a count only: never the words or the addresses.
      request.log.info(
        { announcementId: announcement.id, summitId: announcement.summitId, recipients: announcement.recipientCount },
        'announcement queued',
      );
      return reply.status(201).send(announcement);
    },
  );

  app.post(
    '/api/summits/:id/announcements/preview',
    {
      schema: {
        tags: ['announcements'],
        summary: 'How many registrants an announcement to this audience would reach now',
        params: IdParams,
        body: AnnouncementPreviewRequest,
        response: { 200: AnnouncementPreview, ...Failures },
      },
      config: { access: 'organiser' },
    },
    async (request) => announcements.preview(request.params.id, request.body),
  );

  app.get(
    '/api/summits/:id/announcements',
    {
      schema: {
        tags: ['announcements'],
        summary:
          'Announcements, newest first: all of them for organisers, those addressed to the caller for registrants, none for others',
        params: IdParams,
        response: { 200: AnnouncementList, 400: Problem, 404: Problem },
      },
      config: { access: 'public' },
    },
    async (request) => announcements.list(request.member, request.params.id),
  );
};

export default announcementsRoutes;
