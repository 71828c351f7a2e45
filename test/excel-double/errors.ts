/**
 * Errors raised by the Excel double, shaped like `OfficeExtension.Error`: a `code` string from
 * Excel's ErrorCodes (or "PropertyNotLoaded", which Office.js raises client-side), a message
 * and `debugInfo`.
 */
export class DoubleError extends Error {
  readonly code: string;
  readonly debugInfo: { code: string; message: string; errorLocation?: string };

  constructor(code: string, message: string, errorLocation?: string) {
    super(message);
    this.name = "RichApi.Error";
    this.code = code;
    this.debugInfo = { code, message, errorLocation };
  }
}

/** The message Office.js gives when a property is read before `load` + `sync`. */
export function propertyNotLoaded(owner: string, prop: string): DoubleError {
  return new DoubleError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${owner}.${prop}`,
  );
}
