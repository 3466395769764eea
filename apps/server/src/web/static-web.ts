import { existsSync } from 'node:fs';
import path from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

export function isApiPath(urlPath: string): boolean {
  return urlPath === '/api' || urlPath.startsWith('/api/');
}

/**
 * Serves the built web app from `dir` at `/`: files as they are, and index.html for any
 * other GET outside /api, so client-side routes survive a reload. Does nothing (and says
 * so) when the folder has no index.html, e.g. in development where Vite serves the UI.
 */
export function serveWebApp(app: NestExpressApplication, dir: string): boolean {
  const index = path.join(dir, 'index.html');
  if (!existsSync(index)) return false;

  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, file) => {
      // Vite fingerprints everything under assets/; those never change.
      if (file.startsWith(path.join(dir, 'assets') + path.sep)) {
        res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      }
    },
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path)) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
