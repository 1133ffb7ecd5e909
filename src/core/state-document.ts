// A vendor's state document (the fixtures, a state export, a state import) did not pass its schema or
// its vendor's consistency checks. Thrown at start-up for fixtures and answered 400 by the control plane.

export class StateDocumentError extends Error {
  constructor(
    readonly vendor: string,
    readonly problems: readonly string[],
  ) {
    super(`Invalid ${vendor} state document: ${problems.join('; ')}`);
  }
}
