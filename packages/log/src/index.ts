import { pino, type Logger } from "pino";
import { config } from "@hivemind/config";

export type { Logger };

let root: Logger | undefined;

/**
 * Loggers are named `package:subsystem` and declared once per package in its
 * src/logger.ts. Secrets never reach a log line: the redact list covers every
 * field name that could carry one.
 */
export function createLogger(name: string): Logger {
  root ??= pino({
    level: config().logLevel,
    redact: {
      paths: ["password", "passwd", "*.password", "*.passwd", "token", "*.token", "secret", "*.secret", "cookie", "*.cookie", "authorization", "*.authorization"],
      censor: "[redacted]",
    },
  });
  return root.child({ name });
}
