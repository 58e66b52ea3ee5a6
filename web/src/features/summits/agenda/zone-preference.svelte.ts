// Which zone times are shown in.
//
// A summit's agenda opens where the attendee will be: in the summit's own zone for an in-person summit
// (they travel there), in their own zone for virtual and hybrid ones. Once someone picks a zone on a
// summit's agenda, that choice is kept for that summit (across visits and reloads) and wins over the
// default. The last choice made anywhere is also kept as the general preference that the session,
// changelog and live-sessions pages follow, as before.
import type { SummitSummary } from '@apoc/shared';
import { readPreference, writePreference } from '../../../lib/storage';
import { defaultZoneMode, type ZoneMode } from './agenda';

const KEY = 'apoc.agenda.zone';
/** `{ [summitId]: ZoneMode }`, as JSON. */
const SUMMIT_KEY = 'apoc.agenda.zone.by-summit';

const isZoneMode = (value: unknown): value is ZoneMode => value === 'mine' || value === 'summit';

export class ZonePreference {
  mode = $state<ZoneMode>(readPreference(KEY) === 'summit' ? 'summit' : 'mine');

  set(mode: ZoneMode): void {
    this.mode = mode;
    writePreference(KEY, mode);
  }
}

export const zonePreference = new ZonePreference();

function readChoices(): Record<string, ZoneMode> {
  try {
    const stored: unknown = JSON.parse(readPreference(SUMMIT_KEY) ?? '{}');
    if (typeof stored !== 'object' || stored === null) return {};
    return Object.fromEntries(
      Object.entries(stored).filter((entry): entry is [string, ZoneMode] => isZoneMode(entry[1])),
    );
  } catch {
    // Unreadable: as if nothing had been chosen.
    return {};
  }
}

/** The agenda's zone per summit: the explicit choice if one was made, else the default for its format. */
export class SummitZonePreferences {
  #chosen = $state.raw<Readonly<Record<string, ZoneMode>>>(readChoices());

  modeFor(summit: Pick<SummitSummary, 'id' | 'format'>): ZoneMode {
    const chosen = Object.hasOwn(this.#chosen, summit.id) ? this.#chosen[summit.id] : undefined;
    return chosen ?? defaultZoneMode(summit);
  }

  choose(summitId: string, mode: ZoneMode): void {
    this.#chosen = { ...this.#chosen, [summitId]: mode };
    writePreference(SUMMIT_KEY, JSON.stringify(this.#chosen));
    zonePreference.set(mode);
  }
}

export const summitZones = new SummitZonePreferences();
