import { Module, RequestMethod, type DynamicModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { requestIdOf } from '../common/request-id';
import type { Logger as Pino } from 'pino';

/**
 * Structured JSON logs through pino: one line per request (method, url, status, time,
 * request id); application logs inside a request carry the same `reqId`.
 */
@Module({})
export class LoggingModule {
  static forRoot(root: Pino): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            logger: root,
            genReqId: (req: IncomingMessage) => requestIdOf(req),
            customLogLevel: (_req: IncomingMessage, res: ServerResponse, error?: Error) =>
              error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
            serializers: {
              req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
          },
        }),
      ],
    };
  }
}
