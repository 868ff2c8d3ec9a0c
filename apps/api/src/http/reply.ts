/**
 * A route's answer when it is more than a JSON 200: another status, extra headers, cookies.
 * A handler that returns any other value answers 200 with it as JSON.
 */
export class ApiReply {
  constructor(
    readonly body: unknown,
    readonly status = 200,
    readonly headers: Readonly<Record<string, string>> = {},
    readonly cookies: readonly string[] = [],
  ) {}
}

/** A body that is JSON text already, or its UTF-8 bytes (sent as is, not serialised again). */
export class JsonText {
  constructor(readonly text: string | Buffer) {}
}

/** A JSON answer that also sets cookies (login, register, logout). */
export function jsonWithCookies(body: unknown, cookies: string[]): ApiReply {
  return new ApiReply(body, 200, {}, cookies);
}
