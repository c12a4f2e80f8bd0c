import { createRequire } from 'node:module';
import path from 'node:path';
import express, { Router, type Response } from 'express';
import { openApiDocument } from '../http/openapi';

/** swagger-ui-dist's files (its package root), served as static assets of the docs page. */
const swaggerUiDir = path.dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/** The docs page loads its own scripts and styles only (helmet's API-wide CSP denies everything). */
const PAGE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'";

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>1357 crm-api</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

const INIT = `window.ui = SwaggerUIBundle({ url: '/api/docs/openapi.json', dom_id: '#swagger-ui', deepLinking: true });\n`;

function page(res: Response, type: string, body: string): void {
  res.set('Content-Security-Policy', PAGE_CSP).type(type).send(body);
}

/**
 * The API's description, public (it holds no data): `/api/docs/openapi.json` (OpenAPI 3.1,
 * generated from @cc1357/contracts) and `/api/docs`, a Swagger UI page reading it.
 */
export function docsRoutes(): Router {
  const r = Router();
  r.get('/api/docs/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  r.get(['/api/docs', '/api/docs/'], (_req, res) => page(res, 'html', PAGE));
  r.get('/api/docs/init.js', (_req, res) => page(res, 'js', INIT));
  r.use(
    '/api/docs/assets',
    (_req, res, next) => {
      res.set('Content-Security-Policy', PAGE_CSP);
      next();
    },
    express.static(swaggerUiDir, { index: false, fallthrough: false }),
  );
  return r;
}
