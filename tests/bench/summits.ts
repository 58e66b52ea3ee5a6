import { addDays, zonedInstant } from '@apoc/shared';
import type { TestApp } from '../helpers/app';
import { createSession, createSummit, createTrack } from '../helpers/factories';

/**
 * A published summit over three days with `size` sessions on four tracks, written through the schema (its first
 * version is published by the server that starts on it, or read as work in progress until then).
 */
export async function benchSummit(
  t: TestApp,
  size: number,
  timeZone = 'Europe/Berlin',
): Promise<{ id: string; trackIds: string[] }> {
  const summit = await createSummit(t.app.db, {
    title: `Bench summit, ${size} sessions`,
    timeZone,
    startDate: '2027-03-09',
    endDate: '2027-03-11',
  });
  const trackIds: string[] = [];
  for (const name of ['Thoracic', 'Gastrointestinal', 'Genito-urinary', 'Cross-cutting']) {
    trackIds.push((await createTrack(t.app.db, summit.id, name)).id);
  }
  for (let i = 0; i < size; i++) {
    const minutes = 8 * 60 + (i % 40) * 15;
    const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const startsAt = zonedInstant(addDays(summit.startDate, i % 3), time, summit.timeZone);
    await createSession(t.app.db, summit.id, {
      title: `Session ${i}`,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 45 * 60_000),
      trackId: trackIds[i % trackIds.length] ?? null,
    });
  }
  return { id: summit.id, trackIds };
}
