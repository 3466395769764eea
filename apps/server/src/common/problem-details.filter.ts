import { Catch, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { PROBLEM_CONTENT_TYPE, toProblemDetails } from './errors/problem-details';
import { OperationalError } from './errors/operational.error';
import { requestIdOf } from './request-id';

/** The single global exception filter: every failed request answers problem+json. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Problem');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    const res = http.getResponse<Response>();
    const problem = toProblemDetails(exception, { instance: req.originalUrl, requestId: requestIdOf(req) });

    if (problem.status >= 500) {
      // Unexpected errors keep their stack here and only here; operational ones are expected to recur.
      const level = exception instanceof OperationalError ? 'warn' : 'error';
      this.logger[level]({ err: exception, requestId: problem.requestId }, `${req.method} ${req.originalUrl} failed`);
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(problem.status).setHeader('Content-Type', PROBLEM_CONTENT_TYPE);
    res.send(JSON.stringify(problem));
  }
}
