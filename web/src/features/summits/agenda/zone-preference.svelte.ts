// Which zone agendas are shown in, remembered across summits and visits: people pick the view that
// suits them once (organisers often think in summit time, attendees in their own).
import { readPreference, writePreference } from '../../../lib/storage';
import type { ZoneMode } from './agenda';

const KEY = 'apoc.agenda.zone';

export class ZonePreference {
  mode = $state<ZoneMode>(readPreference(KEY) === 'summit' ? 'summit' : 'mine');

  set(mode: ZoneMode): void {
    this.mode = mode;
    writePreference(KEY, mode);
  }
}

export const zonePreference = new ZonePreference();
