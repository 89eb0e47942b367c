/** Domain errors carry codes; adapters turn them into user-facing text in one place. */
export type DomainErrorCode = 'IncidentNotFound' | 'IncidentClosed' | 'InvalidInput' | 'NotAllowed';

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    /** Problems keyed by the input field they concern (inline modal errors). */
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = code;
  }
}

export class InvalidInput extends DomainError {
  constructor(fields: Record<string, string>) {
    super('InvalidInput', Object.values(fields).join(' '), fields);
  }
}

export class IncidentNotFound extends DomainError {
  constructor(ref: string) {
    super('IncidentNotFound', `${ref} does not exist.`);
  }
}
