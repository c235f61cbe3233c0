/** A fault that cannot be applied now: bad arguments (400), or no cluster attached / a restart under way (409). */
export class FaultError extends Error {
  readonly status: 400 | 409;
  constructor(status: 400 | 409, message: string) {
    super(message);
    this.status = status;
  }
}
