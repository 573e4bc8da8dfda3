// The pages' stylesheet inline in their HTML (wxt.config.ts): Chromium serves an extension's files
// one request at a time (~8 ms each, scripts/first-load-chunk.ts), and a module script waits for
// the stylesheets before it runs, so a <link rel="stylesheet"> was one more file in front of the
// dashboard's first render. The extension's CSP restricts scripts, not styles.
import type { Plugin } from 'vite';

export function inlinePageCss(): Plugin {
  return {
    name: 'reachlog:inline-page-css',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return html;
        return html.replace(
          /<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g,
          (link, file: string) => {
            const asset = bundle[file];
            if (!asset || asset.type !== 'asset') return link;
            const css =
              typeof asset.source === 'string' ? asset.source : Buffer.from(asset.source).toString('utf8');
            // a stylesheet cannot end the element early
            return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
          },
        );
      },
    },
  };
}
