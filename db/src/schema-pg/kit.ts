import { pgTables } from './index';

// drizzle-kit finds tables among a module's named exports: this module names every PostgreSQL table for it
// (a test checks that none is missing). The platform itself reads `pgTables`.
export const {
  institutions,
  members,
  summits,
  tracks,
  rooms,
  sessions,
  sessionPeople,
  signInTokens,
  signIns,
  outbox,
  scheduleVersions,
  stars,
  registrations,
  registrationEvents,
  institutionQuotas,
  scheduledJobs,
  attendance,
  livePresence,
  liveSessions,
  liveQuestions,
  liveQuestionVotes,
  livePolls,
  livePollVotes,
  liveMutes,
  liveEvents,
  announcements,
  summitInvitations,
  securityEvents,
} = pgTables;
