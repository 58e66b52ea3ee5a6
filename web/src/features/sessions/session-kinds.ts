// A session's kind as people read it ("Keynote", "Break"), in the page's language. The shared
// SESSION_KIND_LABELS stay English: the server's exports and imports read them.
import type { SessionKind } from '@apoc/shared/domain';
import { m } from '../../paraglide/messages.js';

export function sessionKindLabel(kind: SessionKind): string {
  switch (kind) {
    case 'keynote':
      return m.session_kind_keynote();
    case 'plenary':
      return m.session_kind_plenary();
    case 'panel':
      return m.session_kind_panel();
    case 'workshop':
      return m.session_kind_workshop();
    case 'breakout':
      return m.session_kind_breakout();
    case 'poster':
      return m.session_kind_poster();
    case 'break':
      return m.session_kind_break();
    case 'networking':
      return m.session_kind_networking();
  }
}
