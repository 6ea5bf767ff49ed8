/**
 * An inbound mail the listener answers with an SMTP error: the sending server bounces it to its
 * sender with this text, so the text says what to do. smtp-server reads `responseCode`.
 */
export class MailRefused extends Error {
  override readonly name = 'MailRefused';
  readonly responseCode: number;
  /** A short, stable word for logs and tests: `unknown_sender`, `too_large`, … */
  readonly reason: string;

  constructor(responseCode: number, reason: string, message: string) {
    super(message);
    this.responseCode = responseCode;
    this.reason = reason;
  }
}
