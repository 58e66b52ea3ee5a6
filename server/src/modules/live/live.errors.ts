import type { LiveErrorCode } from '@apoc/shared';
import { DomainError } from '../../errors';

/** A live request refused: answered with an `error` message, and the connection stays open. */
export class LiveRefusal extends Error {
  constructor(
    readonly code: LiveErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'LiveRefusal';
  }
}

/** A plain GET of the live route: it only speaks WebSocket. */
export class UpgradeRequired extends DomainError {
  readonly status = 426;
  readonly slug = 'upgrade-required';
  readonly title = 'This address speaks WebSocket only';
}
