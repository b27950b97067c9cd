import type { RouteResult } from './route';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * A small HTML page for answers a person reads in a browser window rather than the tab (a download link opened
 * by Teams or the browser): a heading, what happened and what to do. Inline styles only; no script.
 */
export function messagePage(status: number, title: string, message: string, headers: Record<string, string> = {}): RouteResult {
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Accountant Hub</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; margin: 0; padding: 48px 24px; color: #242424; background: #fafafa; }
  main { max-width: 560px; margin: 0 auto; background: #fff; border: 1px solid #e0e0e0; border-radius: 8px; padding: 24px 32px; }
  h1 { font-size: 20px; font-weight: 600; margin: 0 0 12px; }
  p { font-size: 14px; line-height: 20px; margin: 0 0 8px; }
  @media (prefers-color-scheme: dark) { body { background: #1f1f1f; color: #fff; } main { background: #292929; border-color: #3d3d3d; } }
</style>
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(message)}</p>
<p>Accountant Hub</p>
</main>
</body>
</html>
`;
  return {
    status,
    raw: Buffer.from(html, 'utf8'),
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      ...headers,
    },
  };
}
