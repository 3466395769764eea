import type { LoggerService } from '@nestjs/common';
import pino, { type Logger as Pino } from 'pino';
import { Logger as NestPinoLogger, type PinoLogger } from 'nestjs-pino';
import type { AppConfig } from '../config/env.variables';

/** The process's one pino logger: JSON lines on stdout at LOG_LEVEL. */
export function createRootLogger(level: AppConfig['LOG_LEVEL']): Pino {
  return pino({ level });
}

/**
 * Nest's logger while the module graph is built (connecting, migrating), before the
 * request-aware nestjs-pino Logger exists. Same pino instance, same line format, so a
 * failed start is logged as JSON at LOG_LEVEL too. nestjs-pino's Logger only calls the
 * level methods of what it wraps, which a plain pino logger has.
 */
export function bootLogger(root: Pino): LoggerService {
  return new NestPinoLogger(root as unknown as PinoLogger, {});
}
