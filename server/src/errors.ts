// Domain errors are values with meaning; the problems plugin maps each to one problem+json answer.

export abstract class DomainError extends Error {
  abstract readonly status: number;
  /** A stable, documented identifier of the kind of problem (RFC 9457 `type`). */
  abstract readonly type: string;
  abstract readonly title: string;

  constructor(readonly detail?: string) {
    super(detail);
    this.name = new.target.name;
  }
}

export class NotFound extends DomainError {
  readonly status = 404;
  readonly type = 'https://apoc.invalid/problems/not-found';
  readonly title = 'Not found';

  constructor(what: string, id: string) {
    super(`No ${what} has the id "${id}".`);
  }
}
