/** A load that cannot go on: the message names the file, line or feature and the reason. */
export class EtlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EtlError';
  }
}
