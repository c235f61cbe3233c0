/** A patch document that cannot be applied; the server answers 422 with this message. */
export class PatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PatchError';
  }
}
